import { expect } from 'chai';
import type { IncomingMessage } from 'node:http';
import {
  findToken,
  hostName,
  isAllowedHost,
  isSameOrigin,
  readCookie,
  tokensMatch,
} from '../../../src/inspector/http/request-guard.js';

const requestWith = (headers: Record<string, string>): IncomingMessage =>
  ({ headers }) as unknown as IncomingMessage;
const NO_NAMES = new Set<string>();

describe('request guard', () => {
  describe('hostName()', () => {
    it('strips the port and IPv6 brackets and lower-cases', () => {
      expect(hostName('LocalHost:8080')).to.equal('localhost');
      expect(hostName('[::1]:8080')).to.equal('::1');
      expect(hostName('127.0.0.1')).to.equal('127.0.0.1');
    });
  });

  describe('isAllowedHost()', () => {
    it('accepts localhost and IP addresses, which DNS rebinding cannot produce', () => {
      for (const host of ['localhost:1', '127.0.0.1:1', '[::1]:1', '192.168.1.20:1']) {
        expect(isAllowedHost(host, NO_NAMES), host).to.equal(true);
      }
    });

    it('refuses other names, a missing Host and look-alikes', () => {
      for (const host of [
        undefined,
        '',
        'attacker.example',
        'localhost.attacker.example:1',
        '127.0.0.1.nip.io',
      ]) {
        expect(isAllowedHost(host, NO_NAMES), String(host)).to.equal(false);
      }
    });

    it('accepts names listed as allowed', () => {
      expect(isAllowedHost('trader.internal:9000', new Set(['trader.internal']))).to.equal(true);
    });
  });

  describe('isSameOrigin()', () => {
    it('accepts the page itself and clients that send no browser headers', () => {
      expect(isSameOrigin(requestWith({ host: '127.0.0.1:5', origin: 'http://127.0.0.1:5' }))).to.equal(true);
      expect(isSameOrigin(requestWith({ host: '127.0.0.1:5', 'sec-fetch-site': 'same-origin' }))).to.equal(
        true,
      );
      expect(isSameOrigin(requestWith({ host: '127.0.0.1:5' }))).to.equal(true);
    });

    it('refuses another origin, a null origin and cross-site or same-site fetches', () => {
      const foreign: Record<string, string>[] = [
        { origin: 'http://attacker.example' },
        { origin: 'http://127.0.0.1:6' },
        { origin: 'null' },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
        { 'sec-fetch-site': 'none' },
      ];
      for (const headers of foreign) {
        expect(
          isSameOrigin(requestWith({ host: '127.0.0.1:5', ...headers })),
          JSON.stringify(headers),
        ).to.equal(false);
      }
    });
  });

  describe('findToken()', () => {
    const settings = { token: 's3cret', cookieName: 'eventbus-inspector-5', allowedHosts: NO_NAMES };
    const url = (query = '') => new URL(`http://127.0.0.1:5/${query}`);

    it('finds the token in the bearer header, the cookie or the query', () => {
      expect(findToken(requestWith({ authorization: 'Bearer s3cret' }), url(), settings)).to.equal('header');
      expect(
        findToken(requestWith({ cookie: 'a=1; eventbus-inspector-5=s3cret' }), url(), settings),
      ).to.equal('cookie');
      expect(findToken(requestWith({}), url('?token=s3cret'), settings)).to.equal('query');
    });

    it('finds nothing for a wrong token or another inspector cookie', () => {
      expect(findToken(requestWith({ authorization: 'Bearer s3cre' }), url(), settings)).to.equal(undefined);
      expect(findToken(requestWith({ cookie: 'eventbus-inspector-6=s3cret' }), url(), settings)).to.equal(
        undefined,
      );
      expect(findToken(requestWith({}), url('?token=S3CRET'), settings)).to.equal(undefined);
    });
  });

  describe('readCookie()', () => {
    it('reads one cookie among several and survives malformed encoding', () => {
      expect(readCookie('a=1; b=two%20words', 'b')).to.equal('two words');
      expect(readCookie('b=%E0%A4%A', 'b')).to.equal(undefined);
      expect(readCookie(undefined, 'b')).to.equal(undefined);
    });
  });

  describe('tokensMatch()', () => {
    it('compares whole tokens, whatever their lengths', () => {
      expect(tokensMatch('abc', 'abc')).to.equal(true);
      expect(tokensMatch('abcd', 'abc')).to.equal(false);
      expect(tokensMatch('', 'abc')).to.equal(false);
    });
  });
});

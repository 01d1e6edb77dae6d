import { expect } from 'chai';
import { InvalidOptionsError } from '../../src/core/index.js';
import { parseDemoArgs } from '../../src/demo/parse-demo-args.js';

describe('parseDemoArgs()', () => {
  it('runs the day when given no flags', () => {
    expect(parseDemoArgs([])).to.deep.equal({ help: false });
  });

  it('asks for the usage with --help or -h', () => {
    expect(parseDemoArgs(['--help'])).to.deep.equal({ help: true });
    expect(parseDemoArgs(['-h'])).to.deep.equal({ help: true });
  });

  it('rejects a flag it does not know, naming it', () => {
    expect(() => parseDemoArgs(['--bogus'])).to.throw(InvalidOptionsError, '"--bogus"');
  });
});

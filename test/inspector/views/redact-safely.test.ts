import { expect } from 'chai';
import { createEvent } from '../../../src/core/index.js';
import { redactSafely } from '../../../src/inspector/views/redact-safely.js';

describe('redactSafely()', () => {
  const event = createEvent('order.placed', { apiKey: 'secret' }, { headers: { authorization: 'Bearer x' } });

  it('keeps the redacted payload and headers', () => {
    const content = redactSafely(event, (original) => ({
      ...original,
      payload: { apiKey: '***' },
      headers: {},
    }));
    expect(content).to.deep.equal({ payload: { apiKey: '***' }, headers: {} });
  });

  it('withholds payload and headers when redact throws or returns nothing usable', () => {
    const throwing = redactSafely(event, () => {
      throw new Error('bug');
    });
    const empty = redactSafely(event, () => null as never);
    for (const content of [throwing, empty]) {
      expect(JSON.stringify(content)).to.not.include('secret').and.not.include('Bearer');
    }
  });
});

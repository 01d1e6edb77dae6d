import { expect } from 'chai';
import { assertValidEvent, createEvent, InvalidEventError, isBusEvent } from '../../../src/core/index.js';

describe('assertValidEvent()', () => {
  it('accepts an event built by createEvent()', () => {
    expect(() => assertValidEvent(createEvent('a.b', null))).not.to.throw();
  });

  const invalid: [string, unknown, RegExp][] = [
    ['null', null, /expected an event object, got null/],
    ['an array', [], /got an array/],
    ['a string', 'policy.updated', /got the string "policy.updated"/],
    ['an empty object', {}, /type must be a string/],
    ['an event without an id', { type: 'a.b', timestamp: new Date(), payload: 1 }, /has no id/],
    [
      'an event with a string timestamp',
      { id: '1', type: 'a.b', timestamp: '2026-01-01', payload: 1 },
      /invalid timestamp/,
    ],
    ['an event without a payload property', { id: '1', type: 'a.b', timestamp: new Date() }, /no payload/],
    [
      'an empty correlation id',
      { id: '1', type: 'a.b', timestamp: new Date(), payload: 1, correlationId: '' },
      /correlationId/,
    ],
    [
      'headers that are not a record',
      { id: '1', type: 'a.b', timestamp: new Date(), payload: 1, headers: [] },
      /headers/,
    ],
  ];
  for (const [label, value, message] of invalid) {
    it(`rejects ${label}, saying what is wrong`, () => {
      expect(() => assertValidEvent(value)).to.throw(InvalidEventError, message);
      expect(isBusEvent(value)).to.equal(false);
    });
  }
});

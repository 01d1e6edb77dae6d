import { expect } from 'chai';
import { InvalidSubscriptionError } from '../../../src/core/index.js';
import { compileSelector, selectorMatches } from '../../../src/core/selectors/compile-selector.js';
import { OrderPlacedEvent } from '../test-events.js';

describe('compileSelector()', () => {
  const cases: [string, string, boolean][] = [
    ['health.*', 'health.status_changed', true],
    ['health.*', 'health', false],
    ['health.*', 'health.cpu.high', false],
    ['health.**', 'health.cpu.high', true],
    ['health.**', 'health', true],
    ['**', 'anything.at.all', true],
    ['*.updated', 'policy.updated', true],
    ['a.**.z', 'a.z', true],
    ['a.**.z', 'a.b.c.z', true],
    ['a.**.z', 'a.b.c', false],
    ['policy.updated', 'policy.updated', true],
    ['policy.updated', 'policy.updated.v2', false],
  ];
  for (const [selector, type, expected] of cases) {
    it(`${expected ? 'matches' : 'does not match'} "${type}" with "${selector}"`, () => {
      expect(selectorMatches(compileSelector(selector), type)).to.equal(expected);
    });
  }

  it('reads the static type of an event class', () => {
    expect(compileSelector(OrderPlacedEvent)).to.deep.equal({
      text: 'order.placed',
      exactType: 'order.placed',
    });
  });

  for (const [label, selector] of [
    ['an empty string', ''],
    ['a partial wildcard segment', 'health.stat*'],
    ['an empty segment', 'health..*'],
    ['a number', 42],
    ['a class without a static type', class NotAnEvent {}],
  ] as const) {
    it(`rejects ${label} with InvalidSubscriptionError`, () => {
      expect(() => compileSelector(selector))
        .to.throw(InvalidSubscriptionError)
        .with.property('code', 'EBUS_INVALID_SUBSCRIPTION');
    });
  }
});

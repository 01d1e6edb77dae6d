import { expect } from 'chai';
import { orderCausally } from '../../../src/inspector/views/causal-tree.js';

const placed = (items: Parameters<typeof orderCausally>[0]) =>
  orderCausally(items).map(({ item, depth, causeMissing }) => [item.id, depth, causeMissing]);

describe('orderCausally()', () => {
  it('walks the tree depth first, children in their original order', () => {
    expect(
      placed([
        { id: 'root' },
        { id: 'a', causationId: 'root' },
        { id: 'b', causationId: 'root' },
        { id: 'a1', causationId: 'a' },
      ]),
    ).to.deep.equal([
      ['root', 0, false],
      ['a', 1, false],
      ['a1', 2, false],
      ['b', 1, false],
    ]);
  });

  it('places an event whose cause was forgotten as a root and says so', () => {
    expect(placed([{ id: 'late', causationId: 'evicted' }])).to.deep.equal([['late', 0, true]]);
  });

  it('keeps events caught in a causation cycle instead of dropping them', () => {
    const ids = orderCausally([
      { id: 'x', causationId: 'y' },
      { id: 'y', causationId: 'x' },
    ]).map(({ item }) => item.id);
    expect(ids).to.have.members(['x', 'y']);
  });

  it('handles a chain of 100,000 events without overflowing the stack', () => {
    const chain = Array.from({ length: 100_000 }, (_, index) =>
      index === 0 ? { id: 'e0' } : { id: `e${index}`, causationId: `e${index - 1}` },
    );
    const order = orderCausally(chain);
    expect(order).to.have.lengthOf(100_000);
    expect(order.at(-1)?.depth).to.equal(99_999);
  });
});

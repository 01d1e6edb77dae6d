import { expect } from 'chai';
import { createEvent } from '../../src/core/index.js';
import { buildCausalTree, formatCausalTree } from '../../src/testing/index.js';

describe('buildCausalTree()', () => {
  const root = createEvent('health.status_changed', {}, { id: 'root' });
  const policy = createEvent(
    'policy.updated',
    {},
    { id: 'policy', correlationId: 'root', causationId: 'root' },
  );
  const alert = createEvent('alert.sent', {}, { id: 'alert', correlationId: 'root', causationId: 'root' });
  const trade = createEvent(
    'trade.executed',
    {},
    { id: 'trade', correlationId: 'root', causationId: 'policy' },
  );
  const stranger = createEvent('trade.executed', {}, { id: 'stranger' });

  it('puts each event of the flow under its cause, children in publish order', () => {
    const tree = buildCausalTree([root, policy, stranger, alert, trade], 'root');
    expect(formatCausalTree(tree, (event) => event.id)).to.equal(
      ['root', '├─ policy', '│  └─ trade', '└─ alert'].join('\n'),
    );
  });

  it('makes an event whose cause was not recorded a root, and lists each id once', () => {
    const tree = buildCausalTree([trade, trade, alert], 'root');
    expect(tree.map((node) => node.event.id)).to.deep.equal(['trade', 'alert']);
  });

  it('returns nothing for an unknown correlation id', () => {
    expect(buildCausalTree([root, policy], 'nope')).to.deep.equal([]);
  });
});

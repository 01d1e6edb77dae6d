import { expect } from 'chai';
import { runQuickstart } from '../../examples/quickstart.js';

describe('examples/quickstart', () => {
  it('runs the async and the sync handler and stops with everything delivered', async () => {
    const lines: string[] = [];
    await runQuickstart((line) => lines.push(line));
    // The two handlers belong to different subscriptions, which run independently of each other.
    expect(lines.slice(0, 2)).to.have.members([
      'trade: BUY 0.5 BTCUSDT @ 64000',
      'health: HEALTHY -> DEGRADED (exchange latency 1800 ms)',
    ]);
    expect(lines[2]).to.equal('stopped: 2/2 events delivered');
  });
});

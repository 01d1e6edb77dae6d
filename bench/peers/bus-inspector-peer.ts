import { startInspector } from '../../src/inspector/index.js';
import { createBusPeer } from './in-memory-bus-peer.js';

/** The live inspector attached (serving on a free loopback port, no page open): its recording costs. */
export const busInspectorPeer = createBusPeer({
  id: 'bus-inspector',
  name: 'InMemoryEventBus + inspector attached',
  attach: async (bus) => {
    const inspector = await startInspector(bus, { port: 0 });
    return () => inspector.close();
  },
});

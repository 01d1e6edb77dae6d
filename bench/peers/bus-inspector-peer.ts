import { createServer } from 'node:http';
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

/**
 * The control for the inspector row: the plain bus in a process that listens on HTTP, as the
 * inspector does, without the inspector, so the table separates what having a server costs from what
 * the inspector's recording costs. (Once network handles pass through async_hooks, Node 20
 * deoptimises its promise hooks for non-promise resources, "wrong map"; across our runs this row
 * came out between 0.96× and 1.14× of the plain bus, so most of the inspector's cost is its own.)
 */
export const busHttpPeer = createBusPeer({
  id: 'bus-http',
  name: 'InMemoryEventBus, process listening on HTTP (no inspector)',
  attach: async () => {
    const server = createServer((_request, response) => response.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return () => new Promise<void>((resolve) => server.close(() => resolve()));
  },
});

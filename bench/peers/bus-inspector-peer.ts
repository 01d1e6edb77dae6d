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
 * inspector does, without the inspector. On Node 20, once network handles have passed through the
 * async_hooks machinery, its promise hooks (which AsyncLocalStorage turns on) are deoptimised for
 * non-promise resources ("wrong map") and every promise in the process costs more; a service that
 * serves HTTP pays that with or without the inspector. The inspector's own cost is the difference
 * between this row and the inspector's.
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

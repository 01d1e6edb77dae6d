import 'reflect-metadata';
import { Container } from 'inversify';
import { eventBusModule, OnEvent, registerEventHandlers } from '../../src/inversify/index.js';
import { createBusPeer } from './in-memory-bus-peer.js';
import type { BenchEvent, BenchHandler } from './peer.js';

/** A service class with one `@OnEvent(selector)` method that calls `handler`: what users write. */
function handlerService(selector: string, handler: BenchHandler): new () => object {
  class BenchHandlerService {
    handle(event: BenchEvent): Promise<void> {
      return handler(event);
    }
  }
  // What `@OnEvent(selector)` on `handle` compiles to; the selector differs per scenario.
  const descriptor = Object.getOwnPropertyDescriptor(BenchHandlerService.prototype, 'handle');
  if (descriptor === undefined) throw new Error('BenchHandlerService.handle is missing');
  OnEvent(selector)(BenchHandlerService.prototype, 'handle', descriptor);
  return BenchHandlerService;
}

/**
 * Our bus with `@OnEvent` handlers on singleton services, bound in an InversifyJS container and
 * subscribed by the container scanner (`eventBusModule()` + `registerEventHandlers()`).
 */
export const busOnEventPeer = createBusPeer({
  id: 'bus-on-event',
  name: 'InMemoryEventBus (@OnEvent, container scan)',
  async build(options, setup) {
    const container = new Container();
    container.load(eventBusModule(options));
    for (const { selector, handler } of setup.subscriptions) {
      container.bind(handlerService(selector, handler)).toSelf().inSingletonScope();
    }
    const registry = await registerEventHandlers(container);
    return registry.bus;
  },
});

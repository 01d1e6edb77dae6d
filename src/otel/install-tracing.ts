// Installs EventTracing on a bus, or a DormantTracing while the tracer provider has no SDK behind it.
import { ProxyTracerProvider, type TracerProvider } from '@opentelemetry/api';
import { type EventBus, InMemoryEventBus } from '../core/index.js';
import { DormantTracing } from './dormant-tracing.js';
import type { EventTracing } from './event-tracing.js';
import { INSTRUMENTATION_SCOPE_NAME } from './instrument-event-bus-options.js';

/**
 * Installs `tracing` on `bus` if `provider` can record spans; otherwise a {@link DormantTracing}
 * that swaps itself for `tracing` on the first publish after an SDK is registered, or on the first
 * delivery unless `bus` is an `InMemoryEventBus`.
 *
 * Why swap instead of asking each span `isRecording()`: the bus decides which hooks exist when an
 * instrumentation is installed, and the mere presence of `aroundDelivery` or `deliverySucceeded`
 * makes every delivery build a `DeliveryInfo`, wrap the handler and read the clock twice, before a
 * span is even started. Only a different set of hooks makes the no-SDK case cheap.
 *
 * Why check on every call instead of deciding once: the global provider is a `ProxyTracerProvider`
 * that gets its delegate when the application registers an SDK, which may happen after
 * `instrumentEventBus()` (e.g. `NodeSDK.start()` after the container was built). While it has none,
 * `getDelegateTracer()` returns `undefined`, reading one field. Any other provider (an
 * SDK's, a proxy from another copy of the API) is taken to record, and gets `tracing` at once.
 *
 * Why an `InMemoryEventBus` is not checked per delivery: each of its deliveries follows a publish on
 * the same bus, which checks; a per-delivery hook would make up most of what the dormant state costs
 * (a `DeliveryInfo` per delivery). Only events already queued when the SDK registers, and redriven
 * dead letters, are delivered without a span until the next publish. A transport's deliveries come
 * from other processes, so there each one checks.
 */
export function installTracing(
  bus: Pick<EventBus, 'instrument'>,
  provider: TracerProvider,
  tracing: EventTracing,
): Disposable {
  if (!(provider instanceof ProxyTracerProvider)) return bus.instrument(tracing);
  const hasSdk = (): boolean => provider.getDelegateTracer(INSTRUMENTATION_SCOPE_NAME) !== undefined;
  if (hasSdk()) return bus.instrument(tracing);
  let disposed = false;
  let awake = false;
  const wake = (): void => {
    if (awake || disposed) return;
    awake = true;
    const dormant = installed;
    installed = bus.instrument(tracing);
    dormant[Symbol.dispose]();
  };
  const watchDeliveries = !(bus instanceof InMemoryEventBus);
  let installed = bus.instrument(new DormantTracing(tracing, hasSdk, wake, watchDeliveries));
  return {
    [Symbol.dispose]: () => {
      disposed = true;
      installed[Symbol.dispose]();
    },
  };
}

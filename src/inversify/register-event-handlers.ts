import type { Container, ServiceIdentifier } from 'inversify';
import { type EventBus, type EventSelector, InvalidSubscriptionError } from '../core/index.js';
import { createMethodHandler, methodArity } from './create-method-handler.js';
import { describeServiceIdentifier } from './describe-service-identifier.js';
import { HandlerResolutionError } from './errors/handler-resolution-error.js';
import { MissingBusBindingError } from './errors/missing-bus-binding-error.js';
import type { EventHandlerRegistry, RegisteredHandler } from './event-handler-registry.js';
import { findHandlerCandidates, type HandlerCandidate } from './find-handler-candidates.js';
import type { HandlerMethod } from './handler-metadata.js';
import { type HandlerTarget, resolveHandlerTarget } from './resolve-handler-target.js';
import { ledgerFor, SubscriptionLedger } from './subscription-ledger.js';
import { TYPES } from './types.js';

/** Options of {@link registerEventHandlers}. Every field is optional. */
export interface RegisterEventHandlersOptions {
  /** The identifier the bus is bound to. @defaultValue `TYPES.EventBus` */
  readonly busIdentifier?: ServiceIdentifier<EventBus>;
}

interface PlannedMethod {
  readonly candidate: HandlerCandidate;
  readonly target: HandlerTarget;
  readonly key: object;
  readonly method: HandlerMethod;
}

async function resolveBus(
  container: Container,
  busIdentifier: ServiceIdentifier<EventBus>,
): Promise<EventBus> {
  const described = describeServiceIdentifier(busIdentifier);
  if (!container.isBound(busIdentifier)) throw new MissingBusBindingError(described);
  let bus: unknown;
  try {
    bus = await container.getAsync(busIdentifier);
  } catch (error) {
    throw new HandlerResolutionError('the event bus', described, error);
  }
  if (typeof (bus as Partial<EventBus> | null)?.subscribe !== 'function') {
    throw new HandlerResolutionError(
      'the event bus',
      described,
      new TypeError('it has no subscribe() method'),
    );
  }
  return bus as EventBus;
}

async function planMethods(container: Container, ledger: SubscriptionLedger): Promise<PlannedMethod[]> {
  const planned: PlannedMethod[] = [];
  const claimed = new SubscriptionLedger();
  const isTaken = (key: object, method: HandlerMethod): boolean =>
    ledger.has(key, method.methodKey) || claimed.has(key, method.methodKey);
  for (const candidate of findHandlerCandidates(container)) {
    // Per-event services are keyed by their binding; skip resolving one that is fully subscribed.
    if (
      candidate.scope !== 'Singleton' &&
      candidate.methods.every((m) => isTaken(candidate.binding.identity, m))
    ) {
      continue;
    }
    const target = await resolveHandlerTarget(container, candidate);
    const key = target.kind === 'fixed' ? target.instance : candidate.binding.identity;
    for (const method of candidate.methods) {
      if (isTaken(key, method)) continue;
      claimed.add(key, method.methodKey);
      planned.push({ candidate, target, key, method });
    }
  }
  return planned;
}

function subscribePlanned(bus: EventBus, ledger: SubscriptionLedger, planned: readonly PlannedMethod[]) {
  const made: RegisteredHandler[] = [];
  const keys: [object, string | symbol][] = [];
  const undo = (): void => {
    for (const registered of made) registered.subscription.unsubscribe();
    for (const [key, methodKey] of keys) ledger.delete(key, methodKey);
  };
  for (const { candidate, target, key, method } of planned) {
    const methodName = String(method.methodKey);
    const holder = target.kind === 'fixed' ? target.instance : candidate.implementationType?.prototype;
    const handler = createMethodHandler(target, method.methodKey, methodArity(holder, method.methodKey));
    for (const { selector, options } of method.declarations) {
      try {
        const subscription = bus.subscribe(selector as EventSelector<object>, handler, {
          ...options,
          name: options?.name ?? `${candidate.className}.${methodName}`,
        });
        made.push({
          serviceIdentifier: candidate.serviceIdentifier,
          className: candidate.className,
          method: methodName,
          selector: subscription.selector,
          scope: candidate.scope,
          subscription,
        });
      } catch (error) {
        undo();
        if (error instanceof InvalidSubscriptionError) {
          throw new InvalidSubscriptionError(
            `@OnEvent() on ${candidate.className}.${methodName}: ${error.reason}`,
          );
        }
        throw error;
      }
    }
    ledger.add(key, method.methodKey);
    keys.push([key, method.methodKey]);
  }
  return { made, undo };
}

/**
 * Scans `container` (and its parents) for bound classes with `@OnEvent` methods and subscribes each
 * method on the bus the container resolves for `TYPES.EventBus` now, so a rebound mock is the one used.
 *
 * - Finds `to()`, `toSelf()` and `ContainerModule` bindings under any identifier (class, symbol,
 *   string), and constants whose value has `@OnEvent` methods. Aliases (`toService()`) are not
 *   subscribed again. Bindings built by a function (`toDynamicValue()`, `toFactory()`) are not scanned.
 * - Resolves each service through the container, so its own injections work. A singleton (or a
 *   constant) is resolved once; a transient or request-scoped service is resolved anew for each
 *   event delivered to it.
 * - Each (instance, method) is subscribed once per bus, however often it is scanned or aliased.
 * - The handler calls the method with `this` bound and adds no error handling of its own.
 * - All or nothing: if the scan fails, nothing it subscribed stays subscribed.
 *
 * Scan before you start the bus (or use {@link bootstrapEventBus}): events published earlier are
 * queued until the bus starts, and delivered to the handlers subscribed by then.
 *
 * @throws {@link MissingBusBindingError} if no bus is bound.
 * @throws {@link HandlerResolutionError} naming the class a service could not be resolved for.
 * @throws {@link InvalidSubscriptionError} for a malformed selector or options, naming class and method.
 * @example
 * ```ts
 * const container = new Container();
 * container.load(eventBusModule());
 * container.bind(DiscordNotifier).toSelf().inSingletonScope();
 * const registry = await registerEventHandlers(container);
 * registry.bus.start();
 * ```
 */
export async function registerEventHandlers(
  container: Container,
  options: RegisterEventHandlersOptions = {},
): Promise<EventHandlerRegistry> {
  const bus = await resolveBus(container, options.busIdentifier ?? TYPES.EventBus);
  const ledger = ledgerFor(bus);
  const planned = await planMethods(container, ledger);
  const { made, undo } = subscribePlanned(bus, ledger, planned);
  let disposed = false;
  const dispose = (): void => {
    if (disposed) return;
    disposed = true;
    undo();
  };
  return { bus, subscriptions: Object.freeze(made), dispose, [Symbol.dispose]: dispose };
}

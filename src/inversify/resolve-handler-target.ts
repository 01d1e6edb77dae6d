import type { Container } from 'inversify';
import { HandlerResolutionError } from './errors/handler-resolution-error.js';
import { describeServiceIdentifier } from './describe-service-identifier.js';
import type { HandlerCandidate } from './find-handler-candidates.js';

/** Where a subscription finds the service instance whose method it calls. */
export type HandlerTarget =
  /** Singletons and constants: the one instance, resolved at scan time. */
  | { readonly kind: 'fixed'; readonly instance: object }
  /** Transient and request scope: resolved anew for each delivered event. */
  | { readonly kind: 'sync'; readonly resolve: () => object }
  | { readonly kind: 'async'; readonly resolve: () => Promise<object> };

function pick(candidate: HandlerCandidate, instances: readonly unknown[]): object {
  const found = instances.find(
    (instance) =>
      typeof instance === 'object' &&
      instance !== null &&
      (Object.getPrototypeOf(instance) as { constructor?: unknown } | null)?.constructor ===
        candidate.implementationType,
  );
  if (found === undefined) {
    throw new Error(`none of the services bound to this identifier is an instance of ${candidate.className}`);
  }
  return found as object;
}

function asObject(value: unknown, candidate: HandlerCandidate): object {
  if (typeof value === 'object' && value !== null) return value;
  throw new Error(
    `resolving it gave ${value === null ? 'null' : typeof value}, not an instance of ${candidate.className}`,
  );
}

function syncResolver(container: Container, candidate: HandlerCandidate): () => object {
  const { serviceIdentifier } = candidate;
  return candidate.shared
    ? () => pick(candidate, container.getAll(serviceIdentifier))
    : () => asObject(container.get(serviceIdentifier), candidate);
}

function asyncResolver(container: Container, candidate: HandlerCandidate): () => Promise<object> {
  const { serviceIdentifier } = candidate;
  return candidate.shared
    ? async () => pick(candidate, await container.getAllAsync(serviceIdentifier))
    : async () => asObject(await container.getAsync(serviceIdentifier), candidate);
}

/**
 * Resolves `candidate` once through `container`, so that a service that cannot be built fails the
 * scan, and says how deliveries will get their instance. A transient service whose dependencies
 * can be resolved synchronously stays synchronous per event; one that needs `getAsync()` is resolved
 * asynchronously.
 *
 * @throws {@link HandlerResolutionError} naming the class, with inversify's error as `cause`.
 */
export async function resolveHandlerTarget(
  container: Container,
  candidate: HandlerCandidate,
): Promise<HandlerTarget> {
  if (candidate.instance !== undefined) return { kind: 'fixed', instance: candidate.instance };
  const resolveAsync = asyncResolver(container, candidate);
  try {
    if (candidate.scope === 'Singleton') return { kind: 'fixed', instance: await resolveAsync() };
    const resolveSync = syncResolver(container, candidate);
    try {
      resolveSync();
      return { kind: 'sync', resolve: resolveSync };
    } catch {
      await resolveAsync();
      return { kind: 'async', resolve: resolveAsync };
    }
  } catch (error) {
    throw new HandlerResolutionError(
      candidate.className,
      describeServiceIdentifier(candidate.serviceIdentifier),
      error,
    );
  }
}

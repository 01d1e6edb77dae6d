import { AsyncLocalStorage } from 'node:async_hooks';
import type { Event } from '../events/event.js';

/**
 * What the current asynchronous flow is doing: handling `event` (for `owner`, the bus delivering it),
 * or running a correlated flow started by `runWithCorrelation()`.
 */
export interface CausationScope {
  readonly event?: Event;
  readonly correlationId?: string;
  readonly owner?: object;
}

const storage = new AsyncLocalStorage<CausationScope>();
/** The scope of a handler running synchronously without AsyncLocalStorage (`trackCausation: false`). */
let syncScope: CausationScope | undefined;

/** The scope of the current asynchronous flow, if any. */
export function currentCausationScope(): CausationScope | undefined {
  return syncScope ?? storage.getStore();
}

/** Runs `fn(...args)` with `scope` as the current scope, for `fn` and everything it awaits. */
export function runInCausationScope<TArgs extends unknown[], TResult>(
  scope: CausationScope,
  fn: (...args: TArgs) => TResult,
  ...args: TArgs
): TResult {
  return storage.run(scope, fn, ...args);
}

/**
 * Runs `fn(first, second)` with `scope` as the current scope for its synchronous part only: what it
 * does after its first `await` runs outside. Two fixed arguments, not rest ones, so that V8 inlines it
 * on the delivery path. Costs nothing like AsyncLocalStorage, which on Node 20 turns on
 * promise hooks for the whole process.
 */
export function runInSyncCausationScope<TFirst, TSecond, TResult>(
  scope: CausationScope,
  fn: (first: TFirst, second: TSecond) => TResult,
  first: TFirst,
  second: TSecond,
): TResult {
  const outer = syncScope;
  syncScope = scope;
  try {
    return fn(first, second);
  } finally {
    syncScope = outer;
  }
}

/** The correlation and causation ids a new event gets in the current scope. */
export function inheritedIds(): { correlationId?: string; causationId?: string } | undefined {
  const scope = currentCausationScope();
  if (scope === undefined) return undefined;
  const handled = scope.event;
  if (handled === undefined)
    return scope.correlationId === undefined ? undefined : { correlationId: scope.correlationId };
  return { correlationId: handled.correlationId ?? handled.id, causationId: handled.id };
}

/**
 * Runs `fn` as the start of a correlated flow: every event created or published inside it, after any
 * number of `await`s, gets `correlationId` (unless it sets its own), and so do the events its handlers publish.
 *
 * @example
 * ```ts
 * app.post('/rebalance', (req) => runWithCorrelation(req.id, () => bus.publish(createEvent('rebalance.requested', {}))));
 * ```
 */
export function runWithCorrelation<TResult>(correlationId: string, fn: () => TResult): TResult {
  return storage.run({ correlationId }, fn);
}

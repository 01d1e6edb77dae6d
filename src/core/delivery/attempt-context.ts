import type { DeliveryContext } from '../bus/subscription.js';

const NOT_ABORTED = Symbol('not aborted');

/**
 * The context of one delivery attempt, for handlers that declare a second parameter. Its `signal`
 * (an AbortController, which costs about 3 µs to create on Node 20) is made only when first read:
 * most handlers that take the context read `attempt` and never the signal.
 */
export class AttemptContext implements DeliveryContext {
  #controller: AbortController | undefined;
  #abortReason: unknown = NOT_ABORTED;

  constructor(
    readonly attempt: number,
    readonly subscription: string,
  ) {}

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#abortReason !== NOT_ABORTED) this.#controller.abort(this.#abortReason);
    }
    return this.#controller.signal;
  }

  /** Aborts the attempt's signal: now if it has been read, else as it is first read. The first reason wins. */
  static abort(context: AttemptContext, reason: unknown): void {
    if (context.#abortReason !== NOT_ABORTED) return;
    context.#abortReason = reason;
    context.#controller?.abort(reason);
  }
}

import type { UndeliveredEvent } from '../../core/index.js';
import type { SubscriptionReader } from '../streams/subscription-reader.js';

/** The readers of a bus's subscriptions: the active ones by id, and unsubscribed ones still holding entries. */
export class SubscriptionReaders {
  readonly #active = new Map<string, SubscriptionReader>();
  readonly #retired = new Set<SubscriptionReader>();
  /** Per event type, the active subscriptions matching it: id -> name. */
  readonly #owingByType = new Map<string, ReadonlyMap<string, string>>();

  get(id: string): SubscriptionReader | undefined {
    return this.#active.get(id);
  }

  add(reader: SubscriptionReader): void {
    this.#active.set(reader.id, reader);
    this.#owingByType.clear();
  }

  /** Unsubscribes `reader`; it stays counted (drain, stop) until it holds nothing. */
  retire(reader: SubscriptionReader): void {
    this.#active.delete(reader.id);
    this.#owingByType.clear();
    this.#retired.add(reader);
    void reader.idle().then(() => this.#retired.delete(reader));
  }

  active(): SubscriptionReader[] {
    return [...this.#active.values()];
  }

  /** The active readers, then the retired ones. */
  all(): SubscriptionReader[] {
    return [...this.#active.values(), ...this.#retired];
  }

  /** The active subscriptions that match `type`: id -> name. */
  owing(type: string): ReadonlyMap<string, string> {
    let owing = this.#owingByType.get(type);
    if (owing === undefined) {
      owing = new Map(
        this.active()
          .filter((reader) => reader.matches(type))
          .map((reader) => [reader.id, reader.name]),
      );
      this.#owingByType.set(type, owing);
    }
    return owing;
  }

  /**
   * Begins registering the subscriptions not registered yet; the promise settles once all are
   * (rejecting if one failed: the next call retries it). `undefined` when there is nothing to wait for.
   */
  register(): Promise<void> | undefined {
    let registering: Promise<void>[] | undefined;
    for (const reader of this.#active.values()) {
      const pending = reader.register();
      if (pending !== undefined) (registering ??= []).push(pending);
    }
    return registering && Promise.all(registering).then(() => undefined);
  }

  /** True when no reader holds anything and every group has every entry of its streams acknowledged. */
  async caughtUp(): Promise<boolean> {
    for (const reader of this.all()) {
      if (!(await reader.caughtUp())) return false;
    }
    return true;
  }

  /** Events the readers hold and have not finished, each with the subscriptions holding it. */
  held(): UndeliveredEvent[] {
    const byId = new Map<string, { event: UndeliveredEvent['event']; subscriptions: string[] }>();
    for (const reader of this.all()) {
      for (const event of reader.heldEvents()) {
        const entry = byId.get(event.id) ?? { event, subscriptions: [] };
        entry.subscriptions.push(reader.name);
        byId.set(event.id, entry);
      }
    }
    return [...byId.values()];
  }
}

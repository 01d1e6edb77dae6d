/**
 * Which (instance or binding, method) pairs are subscribed on one bus, so that a rescan, a child
 * container's scan or a service bound twice never subscribes a method twice.
 */
export class SubscriptionLedger {
  readonly #entries = new WeakMap<object, Set<string | symbol>>();

  has(key: object, methodKey: string | symbol): boolean {
    return this.#entries.get(key)?.has(methodKey) === true;
  }

  add(key: object, methodKey: string | symbol): void {
    const methods = this.#entries.get(key) ?? new Set();
    methods.add(methodKey);
    this.#entries.set(key, methods);
  }

  delete(key: object, methodKey: string | symbol): void {
    this.#entries.get(key)?.delete(methodKey);
  }
}

const ledgers = new WeakMap<object, SubscriptionLedger>();

/** The ledger of `bus`, created on first use. */
export function ledgerFor(bus: object): SubscriptionLedger {
  let ledger = ledgers.get(bus);
  if (ledger === undefined) {
    ledger = new SubscriptionLedger();
    ledgers.set(bus, ledger);
  }
  return ledger;
}

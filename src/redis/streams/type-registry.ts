import type { Redis } from 'ioredis';

/**
 * The set of event types ever published under a key prefix, so wildcard subscriptions know which
 * streams to read. A publisher adds a type together with its first entry (in one MULTI), so a type
 * missing from the set has no entry yet.
 */
export class TypeRegistry {
  readonly #registered = new Set<string>();

  constructor(
    readonly commands: () => Redis,
    readonly key: string,
  ) {}

  /** True until this process has registered `type` once. */
  needsRegistration(type: string): boolean {
    return !this.#registered.has(type);
  }

  markRegistered(type: string): void {
    this.#registered.add(type);
  }

  async list(): Promise<string[]> {
    const members = await this.commands().call('SMEMBERS', this.key);
    return Array.isArray(members)
      ? members.filter((member): member is string => typeof member === 'string')
      : [];
  }
}

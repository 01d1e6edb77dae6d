import type { Redis } from 'ioredis';
import type { StreamKeys } from './stream-keys.js';
import type { TypeRegistry } from './type-registry.js';

/** Appends encoded events to their type's stream, trimmed, registering each new type on its first entry. */
export class StreamAppender {
  readonly #trim: readonly (string | number)[];

  constructor(
    readonly commands: () => Redis,
    readonly keys: StreamKeys,
    readonly registry: TypeRegistry,
    maxStreamLength: number,
  ) {
    this.#trim = maxStreamLength === Infinity ? [] : ['MAXLEN', '~', maxStreamLength];
  }

  /** Resolves with the entry's id once Redis has it. @throws the Redis error if it does not. */
  async append(type: string, fields: readonly string[]): Promise<string> {
    const stream = this.keys.stream(type);
    if (!this.registry.needsRegistration(type)) {
      return String(await this.commands().call('XADD', stream, ...this.#trim, '*', ...fields));
    }
    // The type joins the registry in the same transaction as its first entry: wildcard readers rely on it.
    const results = await this.commands()
      .multi()
      .call('XADD', stream, ...this.#trim, '*', ...fields)
      .sadd(this.keys.registry, type)
      .exec();
    const failed = results?.find(([error]) => error !== null)?.[0];
    if (results === null || failed) throw failed ?? new Error('the transaction was aborted');
    this.registry.markRegistered(type);
    return String(results[0]?.[1]);
  }
}

import type { DeadLetter, DeadLetterSink } from './dead-letter.js';

/** The default {@link DeadLetterSink}: keeps letters in memory, oldest first, until taken. Unbounded: purge or replay them. */
export class InMemoryDeadLetterSink implements DeadLetterSink {
  readonly #letters = new Map<string, DeadLetter>();

  add(letter: DeadLetter): void {
    this.#letters.set(letter.id, letter);
  }

  list(): readonly DeadLetter[] {
    return [...this.#letters.values()];
  }

  take(id: string): DeadLetter | undefined {
    const letter = this.#letters.get(id);
    this.#letters.delete(id);
    return letter;
  }

  /** Number of letters kept. */
  get size(): number {
    return this.#letters.size;
  }
}

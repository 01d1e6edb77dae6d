const INITIAL_CAPACITY = 16;

/**
 * A FIFO queue on a growable circular buffer: O(1) `push` and `shift` (amortised), no `Array.shift`.
 * The buffer doubles when full and never shrinks below what it once held.
 */
export class RingQueue<TItem> {
  #buffer: (TItem | undefined)[] = new Array<TItem | undefined>(INITIAL_CAPACITY);
  #head = 0;
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(item: TItem): void {
    if (this.#length === this.#buffer.length) this.#grow();
    this.#buffer[(this.#head + this.#length) & (this.#buffer.length - 1)] = item;
    this.#length += 1;
  }

  /** Removes and returns the oldest item, or `undefined` when empty. */
  shift(): TItem | undefined {
    if (this.#length === 0) return undefined;
    const item = this.#buffer[this.#head];
    this.#buffer[this.#head] = undefined;
    this.#head = (this.#head + 1) & (this.#buffer.length - 1);
    this.#length -= 1;
    return item;
  }

  /** Returns the oldest item without removing it. */
  peek(): TItem | undefined {
    return this.#length === 0 ? undefined : this.#buffer[this.#head];
  }

  /** Removes every item for which `keep` returns false, preserving order. */
  retain(keep: (item: TItem) => boolean): void {
    const kept: TItem[] = [];
    for (let item = this.shift(); item !== undefined; item = this.shift()) if (keep(item)) kept.push(item);
    for (const item of kept) this.push(item);
  }

  *[Symbol.iterator](): IterableIterator<TItem> {
    for (let index = 0; index < this.#length; index += 1) {
      yield this.#buffer[(this.#head + index) & (this.#buffer.length - 1)] as TItem;
    }
  }

  #grow(): void {
    const grown = new Array<TItem | undefined>(this.#buffer.length * 2);
    for (let index = 0; index < this.#length; index += 1) {
      grown[index] = this.#buffer[(this.#head + index) & (this.#buffer.length - 1)];
    }
    this.#buffer = grown;
    this.#head = 0;
  }
}

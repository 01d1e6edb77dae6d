/**
 * A fixed-capacity buffer that keeps the latest `capacity` items: `push` is O(1) and overwrites the
 * oldest item once full. Each item gets a sequence number (0, 1, 2, ... in push order), so a reader
 * can ask for what came after the last item it saw.
 */
export class RingBuffer<TItem> {
  readonly capacity: number;
  readonly #items: (TItem | undefined)[];
  #next = 0;
  #total = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.#items = new Array<TItem | undefined>(capacity);
  }

  /** Items pushed since creation, evicted ones included; the next item's sequence number. */
  get total(): number {
    return this.#total;
  }

  /** Items held now (at most `capacity`). */
  get size(): number {
    return Math.min(this.#total, this.capacity);
  }

  /** Sequence number of the oldest item held. */
  get firstSeq(): number {
    return this.#total - this.size;
  }

  push(item: TItem): void {
    this.#items[this.#next] = item;
    this.#next = this.#next + 1 === this.capacity ? 0 : this.#next + 1;
    this.#total += 1;
  }

  /** The item with sequence number `seq`, or `undefined` if it was evicted or never pushed. */
  at(seq: number): TItem | undefined {
    if (seq < this.firstSeq || seq >= this.#total) return undefined;
    return this.#items[seq % this.capacity];
  }

  /** Calls `visit(item, seq)` for each item held with sequence number >= `fromSeq`, oldest first. */
  forEachSince(fromSeq: number, visit: (item: TItem, seq: number) => void): void {
    for (let seq = Math.max(fromSeq, this.firstSeq); seq < this.#total; seq++) {
      visit(this.#items[seq % this.capacity] as TItem, seq);
    }
  }

  /** The items held, oldest first. */
  toArray(): TItem[] {
    const items: TItem[] = [];
    this.forEachSince(0, (item) => items.push(item));
    return items;
  }
}

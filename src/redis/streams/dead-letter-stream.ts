import type { Redis } from 'ioredis';
import {
  type DeadLetterRecord,
  decodeDeadLetterRecord,
  encodeDeadLetterRecord,
} from '../codec/dead-letter-record.js';
import { parseRangeReply } from './redis-replies.js';

const PAGE_SIZE = 500;

/** A stored record and the id of its entry in the dead-letter stream. */
export interface StoredDeadLetter {
  readonly entryId: string;
  readonly record: DeadLetterRecord;
}

/**
 * The dead-letter stream of one service group. Never trimmed: letters stay until replayed or discarded.
 * Records are added before their source entry is acknowledged, so a crash in between gives a duplicate letter, never a lost one.
 */
export class DeadLetterStream {
  constructor(
    readonly commands: () => Redis,
    readonly key: string,
  ) {}

  async add(record: DeadLetterRecord): Promise<void> {
    await this.commands().call('XADD', this.key, '*', ...encodeDeadLetterRecord(record));
  }

  /** Every readable record, oldest first. */
  async list(): Promise<StoredDeadLetter[]> {
    const letters: StoredDeadLetter[] = [];
    let start = '-';
    for (;;) {
      const page = parseRangeReply(
        this.key,
        await this.commands().call('XRANGE', this.key, start, '+', 'COUNT', PAGE_SIZE),
      );
      for (const entry of page) {
        const record = decodeDeadLetterRecord(entry.fields);
        if (record !== undefined) letters.push({ entryId: entry.id, record });
      }
      const last = page.at(-1);
      if (page.length < PAGE_SIZE || last === undefined) return letters;
      start = `(${last.id}`;
    }
  }

  async find(letterId: string): Promise<StoredDeadLetter | undefined> {
    return (await this.list()).find((letter) => letter.record.letterId === letterId);
  }

  /** Deletes a letter's entry; false if it was gone already. */
  async remove(entryId: string): Promise<boolean> {
    return (await this.commands().call('XDEL', this.key, entryId)) === 1;
  }
}

// Writes a reader's dead letters: entries whose handler failed every attempt (through the lane's
// sink), entries delivered too often (`exhausted`) and entries that cannot be decoded (`malformed`).
// A letter is written before its entry is acknowledged; if it cannot be written the entry stays pending.
import { randomUUID } from 'node:crypto';
import type { DeadLetter, Event } from '../../core/index.js';
import type { DeadLetterKind } from '../codec/dead-letter-record.js';
import { serializeError } from '../codec/serialized-error.js';
import { DeliveryLimitError } from '../errors/delivery-limit-error.js';
import { MalformedMessageError } from '../errors/malformed-message-error.js';
import type { ReaderContext } from './reader-context.js';

/** Where an entry came from, with its fields as read. */
export interface EntrySource {
  readonly stream: string;
  readonly entryId: string;
  readonly fields: readonly string[];
}

export class EntryDeadLetters {
  constructor(
    readonly ctx: ReaderContext,
    /** The consumer group, also the subscription's id. */
    readonly group: string,
    readonly subscription: string,
    readonly acknowledge: (stream: string, entryId: string) => void,
  ) {}

  /** Stores the letter of a delivery that failed every attempt (the lane acknowledges it after). */
  failed(source: EntrySource, letter: DeadLetter): Promise<void> {
    return this.#store('failed', source, letter.id, letter.attempts, letter.error);
  }

  async malformed(source: EntrySource, reason: string): Promise<void> {
    const letterId = randomUUID();
    const error = new MalformedMessageError(source.stream, source.entryId, reason);
    await this.#store('malformed', source, letterId, 0, error, reason);
    this.acknowledge(source.stream, source.entryId);
    this.ctx.options.logger.error(
      { err: error, stream: source.stream, entryId: source.entryId },
      error.message,
    );
    this.ctx.reportMalformed({
      id: letterId,
      stream: source.stream,
      entryId: source.entryId,
      subscription: this.subscription,
      reason,
      fields: source.fields,
      deadLetteredAt: new Date(),
    });
  }

  async exhausted(source: EntrySource, event: Event, deliveries: number): Promise<void> {
    const letterId = randomUUID();
    const { maxDeliveries, logger } = this.ctx.options;
    const error = new DeliveryLimitError(source.stream, source.entryId, deliveries, maxDeliveries);
    await this.#store('exhausted', source, letterId, deliveries, error);
    this.acknowledge(source.stream, source.entryId);
    logger.error({ err: error, eventId: event.id, eventType: event.type }, error.message);
    this.ctx.reportDeadLetter({
      id: letterId,
      event,
      subscription: this.subscription,
      subscriptionId: this.group,
      attempts: deliveries,
      error,
      deadLetteredAt: new Date(),
    });
  }

  #store(
    kind: DeadLetterKind,
    source: EntrySource,
    letterId: string,
    attempts: number,
    error: unknown,
    reason?: string,
  ): Promise<void> {
    const serialized = serializeError(error);
    return this.ctx.deadLetters.add({
      letterId,
      kind,
      group: this.group,
      subscription: this.subscription,
      stream: source.stream,
      entryId: source.entryId,
      fields: source.fields,
      attempts,
      reason: reason ?? serialized.message,
      error: serialized,
      deadLetteredAt: new Date().toISOString(),
    });
  }
}

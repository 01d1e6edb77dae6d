import type { Redis } from 'ioredis';
import type { DeadLetter, DeliveryFailure, DeliveryOutcome } from '../../core/index.js';
import type { ConcurrencyLimiter } from '../../core/bus/concurrency-limiter.js';
import type { InstrumentationRegistry } from '../../core/bus/instrumentation-registry.js';
import type { MalformedEntry } from '../bus/malformed-entry.js';
import type { ResolvedOptions } from '../bus/resolve-options.js';
import type { EventCodec } from '../codec/event-codec.js';
import type { DeadLetterStream } from './dead-letter-stream.js';
import type { OutcomeChannel } from './outcome-channel.js';
import type { StreamKeys } from './stream-keys.js';
import type { TypeRegistry } from './type-registry.js';

/** What a subscription reader needs from the bus that owns it. */
export interface ReaderContext {
  readonly owner: object;
  readonly options: ResolvedOptions;
  readonly keys: StreamKeys;
  readonly codec: EventCodec;
  readonly registry: TypeRegistry;
  readonly deadLetters: DeadLetterStream;
  readonly outcomes: OutcomeChannel;
  readonly limiter: ConcurrencyLimiter;
  readonly instrumentation: InstrumentationRegistry;
  commands(): Redis;
  openBlocking(label: string): Redis;
  releaseBlocking(connection: Redis): void;
  isHalted(): boolean;
  nextSeq(): number;
  reportSettled(outcome: DeliveryOutcome): void;
  /** The subscription finished with the event (handled or dead-lettered); its entry is being acknowledged. */
  reportFinished(subscriptionId: string, eventId: string): void;
  /** Resolves once this bus's publishes to `streams` begun so far have returned; `undefined` if none runs. */
  publishesSettled(streams: readonly string[]): Promise<void> | undefined;
  reportFailure(failure: DeliveryFailure): void;
  reportDeadLetter(letter: DeadLetter): void;
  reportMalformed(entry: MalformedEntry): void;
}

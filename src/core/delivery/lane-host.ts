import type { ConcurrencyLimiter } from '../bus/concurrency-limiter.js';
import type { DeliveryFailure } from '../bus/delivery-failure.js';
import type { Envelope } from '../bus/envelope.js';
import type { InstrumentationRegistry } from '../bus/instrumentation-registry.js';
import type { DeliveryOutcome } from '../bus/publish-result.js';
import type { Logger } from '../logging/logger.js';
import type { DeadLetter, DeadLetterSink } from './dead-letter.js';

/** What a subscription lane needs from the bus that owns it. */
export interface LaneHost {
  readonly owner: object;
  readonly logger: Logger;
  readonly limiter: ConcurrencyLimiter;
  /** Run handlers in an AsyncLocalStorage scope (true), or in a synchronous scope only (false). */
  readonly trackCausation: boolean;
  /** The bus's instrumentations; lanes read its grouped hooks on each delivery. */
  readonly instrumentation: InstrumentationRegistry;
  readonly deadLetterSink: DeadLetterSink;
  /** True once the bus has stopped: late completions are ignored, nothing new starts. */
  isHalted(): boolean;
  /** The lane has finished with `envelope` (handled, dead-lettered or skipped). */
  settle(envelope: Envelope, outcome: DeliveryOutcome): void;
  reportFailure(failure: DeliveryFailure): void;
  reportDeadLetter(letter: DeadLetter): void;
  newDeadLetterId(): string;
}

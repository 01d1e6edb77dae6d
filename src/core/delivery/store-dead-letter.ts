import type { DeadLetter } from './dead-letter.js';
import { isThenable } from './is-thenable.js';
import type { LaneHost } from './lane-host.js';

/**
 * Hands `letter` to the sink and calls `done(stored)` once the sink has it (`true`) or has failed
 * (`false`, logged with the error). `done` runs synchronously when the sink is synchronous.
 */
export function storeDeadLetter(host: LaneHost, letter: DeadLetter, done: (stored: boolean) => void): void {
  const lost = (sinkError: unknown): void => {
    host.logger.error(
      {
        err: sinkError,
        cause: letter.error,
        eventId: letter.event.id,
        eventType: letter.event.type,
        subscription: letter.subscription,
      },
      'dead letter could not be stored; the delivery is reported as failed',
    );
    done(false);
  };
  let stored: void | Promise<void>;
  try {
    stored = host.deadLetterSink.add(letter);
  } catch (sinkError) {
    lost(sinkError);
    return;
  }
  if (isThenable(stored)) {
    stored.then(() => done(true), lost);
    return;
  }
  done(true);
}

const MUTATORS = [
  'setTime',
  'setMilliseconds',
  'setUTCMilliseconds',
  'setSeconds',
  'setUTCSeconds',
  'setMinutes',
  'setUTCMinutes',
  'setHours',
  'setUTCHours',
  'setDate',
  'setUTCDate',
  'setMonth',
  'setUTCMonth',
  'setFullYear',
  'setUTCFullYear',
  'setYear',
] as const;

/**
 * A `Date` whose setters throw: `Object.freeze` cannot stop `setTime()` on a plain `Date`, so a
 * handler could otherwise change the timestamp every other handler sees.
 */
export class ImmutableDate extends Date {}

for (const name of MUTATORS) {
  Object.defineProperty(ImmutableDate.prototype, name, {
    value(this: Date): never {
      throw new TypeError(
        `Cannot call ${name}() on an event timestamp: it is immutable. Copy it first: new Date(event.timestamp).`,
      );
    },
  });
}

let lastMs = Number.NaN;
let lastDate: ImmutableDate = new ImmutableDate(0);

/**
 * The current time as an {@link ImmutableDate}. Events created within the same millisecond share one
 * instance (safe, since it cannot change), which keeps a queued event small.
 */
export function currentTimestamp(): ImmutableDate {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastDate = new ImmutableDate(now);
  }
  return lastDate;
}

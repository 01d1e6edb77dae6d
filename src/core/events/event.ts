/** String-valued transport metadata carried with an event (W3C `traceparent`, tenant, ...). */
export type EventHeaders = Readonly<Record<string, string>>;

/**
 * An event: something that happened, with a type, a time and a payload.
 *
 * Events are immutable: {@link createEvent}, the {@link BaseEvent} constructor and `publish()` freeze
 * the event and, deeply, its plain-object and array payload, so one handler cannot change what another sees.
 */
export interface Event<TType extends string = string, TPayload = unknown> {
  /** Unique id of this event (unique across processes). */
  readonly id: string;
  /** Dot-separated event type, e.g. `policy.updated`. */
  readonly type: TType;
  /** When the event happened. Events built by this package get a `Date` whose setters throw. */
  readonly timestamp: Date;
  /** The event's data. */
  readonly payload: TPayload;
  /** Id shared by every event of one flow (the root event's id, unless set explicitly). */
  readonly correlationId?: string;
  /** Id of the event whose handler published this one. */
  readonly causationId?: string;
  /** Transport metadata; string values only. */
  readonly headers?: EventHeaders;
}

/** Optional fields of a new event; whatever is left out is generated or inherited. */
export interface EventOptions {
  /** @defaultValue a new unique id */
  readonly id?: string;
  /** @defaultValue now, as an immutable `Date` */
  readonly timestamp?: Date;
  /** @defaultValue the correlation id of the event being handled, or of `runWithCorrelation()` */
  readonly correlationId?: string;
  /** @defaultValue the id of the event being handled */
  readonly causationId?: string;
  /** @defaultValue none */
  readonly headers?: EventHeaders;
}

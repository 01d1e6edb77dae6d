import type { EventClass } from './base-event.js';
import type { Event } from './event.js';

/**
 * The event map of an untyped bus: any dot-separated type, any payload. Typed buses use an interface
 * of their own, keyed by event type: `interface MyEvents { 'policy.updated': PolicyUpdatedPayload }`.
 */
export interface AnyEvents {
  [type: string]: unknown;
}

/** The event types of an event map. */
export type EventType<TEvents> = keyof TEvents & string;

/** Given a type: that event's object. Given none: the union of every event of the map (narrow on `e.type`). */
export type BusEvent<TEvents, TType extends EventType<TEvents> = EventType<TEvents>> = {
  [K in TType]: Event<K, TEvents[K]>;
}[TType];

/** A subscription pattern: `*` matches exactly one segment, `**` any number of segments (zero included). */
export type WildcardPattern = `${string}*${string}`;

/** What `subscribe()` accepts: an exact type of the map, a wildcard pattern, or an event class of the map. */
export type EventSelector<TEvents> =
  EventType<TEvents> | WildcardPattern | EventClass<EventType<TEvents>, never, Event<EventType<TEvents>>>;

type Split<TText extends string> = TText extends `${infer THead}.${infer TRest}`
  ? [THead, ...Split<TRest>]
  : [TText];

type MatchSegments<
  TSegments extends readonly string[],
  TPattern extends readonly string[],
> = TPattern extends readonly [infer TFirst extends string, ...infer TPatternRest extends string[]]
  ? TFirst extends '**'
    ? MatchSegments<TSegments, TPatternRest> extends true
      ? true
      : TSegments extends readonly [string, ...infer TSegmentRest extends string[]]
        ? MatchSegments<TSegmentRest, TPattern>
        : false
    : TSegments extends readonly [infer TSegment extends string, ...infer TSegmentRest extends string[]]
      ? TFirst extends '*' | TSegment
        ? MatchSegments<TSegmentRest, TPatternRest>
        : false
      : false
  : TSegments extends readonly []
    ? true
    : false;

/** The types of `TEvents` that `TPattern` matches. */
export type MatchingTypes<TEvents, TPattern extends string> = {
  [K in EventType<TEvents>]: MatchSegments<Split<K>, Split<TPattern>> extends true ? K : never;
}[EventType<TEvents>];

/** The event a handler receives for `TSelector` on a bus typed with `TEvents`. */
export type SelectedEvent<TEvents, TSelector> =
  TSelector extends EventClass<string, never, infer TEvent>
    ? TEvent
    : TSelector extends EventType<TEvents>
      ? BusEvent<TEvents, TSelector>
      : TSelector extends string
        ? string extends EventType<TEvents>
          ? Event
          : BusEvent<TEvents, MatchingTypes<TEvents, TSelector>>
        : never;

/**
 * The Redis key layout of one bus: a stream per event type, a registry of the types ever published,
 * per subscription a consumer group (`<group>:<name>:<selector>`) and a creation marker, one
 * dead-letter stream per service group, and short-lived lists of `publishAndWait()` outcomes.
 */
export class StreamKeys {
  readonly #streamPrefix: string;
  /** The set of event types ever published under this prefix (read by wildcard subscriptions). */
  readonly registry: string;
  /** The dead-letter stream of this service's group. */
  readonly deadLetters: string;

  constructor(
    readonly prefix: string,
    readonly group: string,
  ) {
    this.#streamPrefix = `${prefix}:events:`;
    this.registry = `${prefix}:event-types`;
    this.deadLetters = `${prefix}:dead-letters:${group}`;
  }

  /** The stream of an event type. */
  stream(type: string): string {
    return this.#streamPrefix + type;
  }

  /** The event type a stream key carries. */
  typeOf(stream: string): string {
    return stream.slice(this.#streamPrefix.length);
  }

  /**
   * The consumer group of a subscription of this service. The selector is part of it, so one name
   * used with several selectors (stacked `@OnEvent` on one method) gives distinct groups.
   */
  groupName(name: string, selector: string): string {
    return `${this.group}:${name}:${selector}`;
  }

  /** Holds the time a subscription's group was first set up, so streams it meets later are read from then on. */
  subscriptionMarker(groupName: string): string {
    return `${this.prefix}:subscriptions:${groupName}`;
  }

  /** The list where consumers report what became of an event published with `publishAndWait()`. */
  outcomes(eventId: string): string {
    return `${this.prefix}:outcomes:${eventId}`;
  }
}

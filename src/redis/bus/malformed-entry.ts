/** An entry that could not be decoded, as kept in the dead-letter stream. */
export interface MalformedEntry {
  /** Id of the letter, for `discardDeadLetter()`. */
  readonly id: string;
  /** The stream and entry id it was read from. */
  readonly stream: string;
  readonly entryId: string;
  /** Name of the subscription that read it. */
  readonly subscription: string;
  /** Why it could not be decoded. */
  readonly reason: string;
  /** Its raw fields, `[name, value, name, value, ...]`. */
  readonly fields: readonly string[];
  readonly deadLetteredAt: Date;
}

/** A message for a Discord channel. */
export interface DiscordMessage {
  readonly channel: string;
  readonly content: string;
}

/** Sends messages to Discord; the real one wraps a webhook. */
export interface DiscordClient {
  /** Resolves once Discord accepted the message; rejects if it did not. */
  send(message: DiscordMessage): Promise<void>;
}

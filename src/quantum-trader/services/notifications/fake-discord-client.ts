import type { DiscordClient, DiscordMessage } from './discord-client.js';

/** A {@link DiscordClient} that keeps the messages it is given, and can be told to fail. */
export class FakeDiscordClient implements DiscordClient {
  readonly #messages: DiscordMessage[] = [];
  #failure: Error | undefined;

  /** The messages sent successfully, oldest first. */
  get messages(): readonly DiscordMessage[] {
    return [...this.#messages];
  }

  /** Makes every later `send()` reject with `error` (or succeed again with `undefined`). */
  failWith(error: Error | undefined): void {
    this.#failure = error;
  }

  send(message: DiscordMessage): Promise<void> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    this.#messages.push(Object.freeze({ ...message }));
    return Promise.resolve();
  }
}

import type { DiscordClient, DiscordMessage } from '../quantum-trader/index.js';
import type { Timeline } from './timeline.js';

/** Wraps a Discord client so that each message sent appears in the timeline. */
export class TimelineDiscordClient implements DiscordClient {
  constructor(
    private readonly inner: DiscordClient,
    private readonly timeline: Timeline,
  ) {}

  async send(message: DiscordMessage): Promise<void> {
    await this.inner.send(message);
    this.timeline.note(`Discord ${message.channel}: "${message.content}"`);
  }
}

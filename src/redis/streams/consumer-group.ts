import type { Redis } from 'ioredis';

/** Creates `group` on `stream` (and the stream) at `startId`; an existing group keeps its position. */
export async function ensureConsumerGroup(
  commands: Redis,
  stream: string,
  group: string,
  startId: string,
): Promise<void> {
  try {
    await commands.call('XGROUP', 'CREATE', stream, group, startId, 'MKSTREAM');
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
  }
}

/**
 * The id from which a subscription's groups start on streams they have not read before: just before
 * the time the subscription was first set up by any process of the service (kept in `markerKey`).
 * So a stream that appears later, or while every consumer was down, is read from its first entry.
 * Entries appended before the marker was set are not read: the bus sets it up before its own
 * publishes (publish() waits for it), and TIME here and XADD there use the same Redis clock.
 */
export async function subscriptionStartId(commands: Redis, markerKey: string): Promise<string> {
  const time = await commands.call('TIME');
  const [seconds, micros] = Array.isArray(time) ? time.map(Number) : [Date.now() / 1000, 0];
  const nowMs = Math.floor((seconds ?? 0) * 1000 + (micros ?? 0) / 1000);
  await commands.call('SET', markerKey, String(nowMs), 'NX');
  const createdMs = Number(await commands.call('GET', markerKey));
  return `${Math.max(0, (Number.isFinite(createdMs) ? createdMs : nowMs) - 1)}-0`;
}

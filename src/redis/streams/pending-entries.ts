// Reading a consumer group's pending entries list: re-reading our own entries after a restart or a
// reconnect, claiming entries of consumers that went silent, and keeping our own entries fresh.
import type { Redis } from 'ioredis';
import type { Logger } from '../../core/index.js';
import { parseAutoClaimReply, parsePendingReply, parseReadReply, type RawEntry } from './redis-replies.js';

const PAGE_SIZE = 100;

/** Where a reader's pending entries live: its group on one stream, and its own name in it. */
export interface PendingScope {
  readonly commands: Redis;
  readonly stream: string;
  readonly group: string;
  readonly consumer: string;
  /** Most entries this consumer holds besides those asked about (its prefetch). */
  readonly held: number;
}

/** Called with each entry found and how often it has been delivered, this time included. */
export type AcceptEntry = (entry: RawEntry, deliveries: number) => void;

async function deliveryCounts(
  scope: PendingScope,
  entries: readonly RawEntry[],
): Promise<Map<string, number>> {
  const { commands, stream, group, consumer } = scope;
  const first = entries[0]?.id ?? '-';
  const last = entries.at(-1)?.id ?? '+';
  // The range may hold other entries of ours too; ask for enough to cover them.
  const reply = await commands.call(
    'XPENDING',
    stream,
    group,
    first,
    last,
    entries.length + scope.held,
    consumer,
  );
  return new Map(parsePendingReply(reply).map((info) => [info.id, info.deliveries]));
}

/** Hands over every entry delivered to `consumer` and not acknowledged (a deleted one with `fields: null`). */
export async function readOwnPending(scope: PendingScope, accept: AcceptEntry): Promise<void> {
  const { commands, stream, group, consumer } = scope;
  let after = '0';
  for (;;) {
    const reply = await commands.call(
      'XREADGROUP',
      'GROUP',
      group,
      consumer,
      'COUNT',
      PAGE_SIZE,
      'STREAMS',
      stream,
      after,
    );
    const entries = parseReadReply(reply);
    const last = entries.at(-1);
    if (last === undefined) return;
    const counts = await deliveryCounts(scope, entries);
    for (const entry of entries) accept(entry, counts.get(entry.id) ?? 1);
    if (entries.length < PAGE_SIZE) return;
    after = last.id;
  }
}

/** Claims (XAUTOCLAIM) entries idle for `minIdleMs`, at most `room()` at a time, and hands them over. */
export async function claimIdleEntries(
  scope: PendingScope,
  minIdleMs: number,
  room: () => number,
  accept: AcceptEntry,
): Promise<void> {
  const { commands, stream, group, consumer } = scope;
  let cursor = '0-0';
  do {
    const count = room();
    if (count <= 0) return;
    const reply = await commands.call(
      'XAUTOCLAIM',
      stream,
      group,
      consumer,
      minIdleMs,
      cursor,
      'COUNT',
      count,
    );
    const claimed = parseAutoClaimReply(stream, reply);
    cursor = claimed.cursor;
    if (claimed.entries.length === 0) continue;
    const counts = await deliveryCounts(scope, claimed.entries);
    for (const entry of claimed.entries) accept(entry, counts.get(entry.id) ?? 1);
  } while (cursor !== '0-0');
}

/**
 * Resets the idle time of entries we hold (XCLAIM ... JUSTID, which does not count a delivery), so a
 * live consumer's slow handlers are not claimed by others. Failures are only logged: the next round retries.
 */
export function refreshHeldEntries(scope: PendingScope, ids: readonly string[], logger: Logger): void {
  const { commands, stream, group, consumer } = scope;
  commands
    .call('XCLAIM', stream, group, consumer, 0, ...ids, 'JUSTID')
    .catch((error: unknown) => logger.debug({ err: error, stream }, 'could not refresh held entries'));
}

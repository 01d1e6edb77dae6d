// Redis replies arrive as `unknown` (ioredis `call()`); these helpers check their shape as they read
// them, so a surprising reply becomes a RedisTransportError instead of a crash deep in the reader.
import { RedisTransportError } from '../errors/redis-transport-error.js';

/** One stream entry as read: its id and its flat field list, or `null` if it was deleted meanwhile. */
export interface RawEntry {
  readonly stream: string;
  readonly id: string;
  readonly fields: readonly unknown[] | null;
}

/** One pending entry: who holds it, for how long, how often it was delivered. */
export interface PendingInfo {
  readonly id: string;
  readonly consumer: string;
  readonly idleMs: number;
  readonly deliveries: number;
}

function unexpected(what: string, reply: unknown): never {
  throw new RedisTransportError(
    `read a ${what} reply`,
    new Error(`unexpected reply shape (${typeof reply})`),
  );
}

function asArray(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) unexpected(what, value);
  return value;
}

function asString(value: unknown, what: string): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return unexpected(what, value);
}

function parseEntries(stream: string, value: unknown, what: string): RawEntry[] {
  return asArray(value, what).map((item) => {
    const [id, fields] = asArray(item, what);
    return { stream, id: asString(id, what), fields: fields === null ? null : asArray(fields, what) };
  });
}

/** Parses an XREADGROUP reply (`null` when the block timed out). */
export function parseReadReply(reply: unknown): RawEntry[] {
  if (reply === null) return [];
  const entries: RawEntry[] = [];
  for (const streamReply of asArray(reply, 'XREADGROUP')) {
    const [stream, items] = asArray(streamReply, 'XREADGROUP');
    entries.push(...parseEntries(asString(stream, 'XREADGROUP'), items, 'XREADGROUP'));
  }
  return entries;
}

/** Parses an XAUTOCLAIM reply: the next cursor and the entries claimed (deleted ones dropped). */
export function parseAutoClaimReply(stream: string, reply: unknown): { cursor: string; entries: RawEntry[] } {
  const [cursor, items] = asArray(reply, 'XAUTOCLAIM');
  return { cursor: asString(cursor, 'XAUTOCLAIM'), entries: parseEntries(stream, items, 'XAUTOCLAIM') };
}

/** Parses an XRANGE reply. */
export function parseRangeReply(stream: string, reply: unknown): RawEntry[] {
  return parseEntries(stream, reply, 'XRANGE');
}

/** Parses the extended form of XPENDING. */
export function parsePendingReply(reply: unknown): PendingInfo[] {
  return asArray(reply, 'XPENDING').map((item) => {
    const [id, consumer, idle, deliveries] = asArray(item, 'XPENDING');
    return {
      id: asString(id, 'XPENDING'),
      consumer: asString(consumer, 'XPENDING'),
      idleMs: Number(idle),
      deliveries: Number(deliveries),
    };
  });
}

/** Turns a flat `[name, value, name, value, ...]` reply (XINFO, stream fields) into a map. */
export function parseFlatMap(value: unknown, what: string): Map<string, unknown> {
  const items = asArray(value, what);
  const map = new Map<string, unknown>();
  for (let index = 0; index + 1 < items.length; index += 2)
    map.set(asString(items[index], what), items[index + 1]);
  return map;
}

/** Parses XINFO GROUPS into one map per group. */
export function parseGroupsReply(reply: unknown): Map<string, unknown>[] {
  return asArray(reply, 'XINFO GROUPS').map((group) => parseFlatMap(group, 'XINFO GROUPS'));
}

/** Compares two stream ids (`ms-seq`) numerically. */
export function compareStreamIds(left: string, right: string): number {
  const [leftMs = '0', leftSeq = '0'] = left.split('-');
  const [rightMs = '0', rightSeq = '0'] = right.split('-');
  const byMs = BigInt(leftMs) - BigInt(rightMs);
  if (byMs !== 0n) return byMs < 0n ? -1 : 1;
  const bySeq = BigInt(leftSeq) - BigInt(rightSeq);
  return bySeq === 0n ? 0 : bySeq < 0n ? -1 : 1;
}

/** True for Redis's "no such consumer group" reply (the stream or the group was deleted). */
export function isNoGroupError(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOGROUP');
}

import type { Redis } from 'ioredis';
import { compareStreamIds, parseFlatMap, parseGroupsReply } from './redis-replies.js';

/**
 * True when `group` has been handed every entry of `stream` and none is pending (all acknowledged),
 * or the stream does not exist. False when the group does not exist yet.
 */
export async function hasGroupCaughtUp(commands: Redis, stream: string, group: string): Promise<boolean> {
  const [groups, info] = (await commands
    .pipeline()
    .call('XINFO', 'GROUPS', stream)
    .call('XINFO', 'STREAM', stream)
    .exec()) ?? [
    [null, null],
    [null, null],
  ];
  const groupsError = groups?.[0];
  if (groupsError instanceof Error) {
    if (/no such key/i.test(groupsError.message)) return true;
    throw groupsError;
  }
  if (info?.[0] instanceof Error) throw info[0];
  const mine = parseGroupsReply(groups?.[1]).find((candidate) => candidate.get('name') === group);
  if (mine === undefined) return false;
  if (Number(mine.get('pending')) !== 0) return false;
  const lastGenerated = String(parseFlatMap(info?.[1], 'XINFO STREAM').get('last-generated-id') ?? '0-0');
  return compareStreamIds(String(mine.get('last-delivered-id') ?? '0-0'), lastGenerated) >= 0;
}

/**
 * Which of `entryIds` (entries of `stream`) `group` has finished with: handed out (at or below its
 * last-delivered id) and no longer pending. An entry whose group does not exist yet is not finished.
 */
export async function finishedEntries(
  commands: Redis,
  stream: string,
  group: string,
  entryIds: readonly string[],
): Promise<Set<string>> {
  const [groups, summary] = (await commands
    .pipeline()
    .call('XINFO', 'GROUPS', stream)
    .call('XPENDING', stream, group)
    .exec()) ?? [
    [null, null],
    [null, null],
  ];
  const finished = new Set<string>();
  if (groups?.[0] instanceof Error) {
    if (/no such key/i.test(groups[0].message)) return finished;
    throw groups[0];
  }
  const mine = parseGroupsReply(groups?.[1]).find((candidate) => candidate.get('name') === group);
  if (mine === undefined) return finished;
  if (summary?.[0] instanceof Error) throw summary[0];
  const lastDelivered = String(mine.get('last-delivered-id') ?? '0-0');
  const [count, lowest, highest] = Array.isArray(summary?.[1]) ? (summary[1] as unknown[]) : [];
  const handedOut = entryIds.filter((id) => compareStreamIds(id, lastDelivered) <= 0);
  const unsure: string[] = [];
  for (const id of handedOut) {
    const outsidePending =
      Number(count) === 0 ||
      compareStreamIds(id, String(lowest)) < 0 ||
      compareStreamIds(id, String(highest)) > 0;
    if (outsidePending) finished.add(id);
    else unsure.push(id);
  }
  if (unsure.length === 0) return finished;
  const pipeline = commands.pipeline();
  for (const id of unsure) pipeline.call('XPENDING', stream, group, id, id, 1);
  const replies = (await pipeline.exec()) ?? [];
  unsure.forEach((id, index) => {
    const [error, reply] = replies[index] ?? [new Error('no reply'), null];
    if (error) throw error;
    if (Array.isArray(reply) && reply.length === 0) finished.add(id);
  });
  return finished;
}

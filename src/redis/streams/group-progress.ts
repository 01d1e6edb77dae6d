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

import { BaseEvent } from '../../core/index.js';
import type { PolicyUpdatedPayload } from './payloads.js';

/** `policy.updated`: published by MSC AI after it has written a new global policy to the Policy Store. */
export class PolicyUpdatedEvent extends BaseEvent<'policy.updated', PolicyUpdatedPayload> {
  static readonly type = 'policy.updated';
}

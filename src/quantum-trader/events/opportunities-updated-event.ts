import { BaseEvent } from '../../core/index.js';
import type { OpportunitiesUpdatedPayload } from './payloads.js';

/** `opportunities.updated`: published by the Opportunity Ranker (OppRank) with its TOP_N rankings. */
export class OpportunitiesUpdatedEvent extends BaseEvent<
  'opportunities.updated',
  OpportunitiesUpdatedPayload
> {
  static readonly type = 'opportunities.updated';
}

import { BaseEvent } from '../../core/index.js';
import type { StrategyPromotedPayload } from './payloads.js';

/** `strategy.promoted`: published by the Strategy Generator AI when a strategy goes from SHADOW to LIVE. */
export class StrategyPromotedEvent extends BaseEvent<'strategy.promoted', StrategyPromotedPayload> {
  static readonly type = 'strategy.promoted';
}

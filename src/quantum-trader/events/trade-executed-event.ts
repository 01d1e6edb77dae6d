import { BaseEvent } from '../../core/index.js';
import type { TradeExecutedPayload } from './payloads.js';

/** `trade.executed`: published by the Executor when an order fills. */
export class TradeExecutedEvent extends BaseEvent<'trade.executed', TradeExecutedPayload> {
  static readonly type = 'trade.executed';
}

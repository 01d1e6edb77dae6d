import { inject, injectable } from 'inversify';
import type { Logger } from '../../../core/index.js';
import { QT_TYPES } from '../../container/qt-types.js';
import { StrategyPromotedEvent } from '../../events/strategy-promoted-event.js';
import { OnQuantumEvent } from '../on-quantum-event.js';

/** Logs "Strategy X promoted to LIVE" at info level for every `strategy.promoted` event. */
@injectable()
export class StrategyPromotionLogger {
  constructor(@inject(QT_TYPES.Logger) private readonly logger: Logger) {}

  @OnQuantumEvent(StrategyPromotedEvent)
  onStrategyPromoted(event: StrategyPromotedEvent): void {
    const { strategyId, strategyName, sharpeRatio, winRate } = event.payload;
    this.logger.info(
      { eventId: event.id, strategyId, sharpeRatio, winRate },
      `Strategy ${strategyName} promoted to LIVE`,
    );
  }
}

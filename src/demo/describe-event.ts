import type { BusEvent } from '../core/index.js';
import type { QuantumTraderEvents } from '../quantum-trader/index.js';

const percent = (fraction: number): string => `${Math.round(fraction * 1000) / 10}%`;

/** One line about what a Quantum Trader event says, for the timeline. */
export function describeEvent(event: BusEvent<QuantumTraderEvents>): string {
  switch (event.type) {
    case 'strategy.promoted': {
      const { strategyName, from, to, sharpeRatio, winRate } = event.payload;
      return `${strategyName} ${from} -> ${to} (Sharpe ${sharpeRatio.toFixed(2)}, win rate ${percent(winRate)})`;
    }
    case 'model.promoted': {
      const { modelName, previousVersion, version } = event.payload;
      return `${modelName} ${previousVersion ?? '(new)'} -> ${version}`;
    }
    case 'health.status_changed': {
      const { previousStatus, status, reasons } = event.payload;
      return `${previousStatus} -> ${status}${reasons.length > 0 ? ` (${reasons.join('; ')})` : ''}`;
    }
    case 'policy.updated': {
      const { previousRiskMode, riskMode, version, globalMinConfidence, maxRiskPerTrade, maxPositions } =
        event.payload;
      return (
        `${previousRiskMode ?? '(none)'} -> ${riskMode}, v${version}: min confidence ${globalMinConfidence}, ` +
        `risk per trade ${percent(maxRiskPerTrade)}, at most ${maxPositions} positions`
      );
    }
    case 'opportunities.updated':
      return `top ${event.payload.rankings.length}: ${event.payload.rankings.map((r) => r.symbol).join(', ')}`;
    case 'trade.executed': {
      const { side, quantity, symbol, price } = event.payload;
      return `${side} ${quantity} ${symbol} @ ${price}`;
    }
  }
}

import { inject, injectable } from 'inversify';
import { QT_TYPES } from '../../container/qt-types.js';
import type { HealthStatusChangedEvent } from '../../events/health-status-changed-event.js';
import { OnQuantumEvent } from '../on-quantum-event.js';
import type { DiscordClient } from './discord-client.js';

/** The channel alerts go to. */
export const ALERTS_CHANNEL = '#trading-alerts';
/** Attempts to send one alert (the first included) before the bus dead-letters it. */
export const ALERT_SEND_ATTEMPTS = 3;

/**
 * Alerts Discord when the system goes CRITICAL; other statuses send nothing.
 *
 * A client that fails makes the delivery fail: the bus logs it, retries it
 * ({@link ALERT_SEND_ATTEMPTS} attempts in all) and then dead-letters it for replay, while other
 * handlers and events carry on.
 */
@injectable()
export class DiscordNotifier {
  constructor(@inject(QT_TYPES.DiscordClient) private readonly client: DiscordClient) {}

  @OnQuantumEvent('health.status_changed', { retry: { attempts: ALERT_SEND_ATTEMPTS, initialDelayMs: 200 } })
  async onHealthStatusChanged(event: HealthStatusChangedEvent): Promise<void> {
    const { status, previousStatus, reasons } = event.payload;
    if (status !== 'CRITICAL') return;
    await this.client.send({
      channel: ALERTS_CHANNEL,
      content: `🚨 System health ${previousStatus} -> CRITICAL: ${reasons.join('; ') || 'no reason given'}`,
    });
  }
}

import { BaseEvent } from '../../core/index.js';
import type { HealthStatusChangedPayload } from './payloads.js';

/** `health.status_changed`: published by the System Health Monitor when the overall status changes. */
export class HealthStatusChangedEvent extends BaseEvent<'health.status_changed', HealthStatusChangedPayload> {
  static readonly type = 'health.status_changed';
}

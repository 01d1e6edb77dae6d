import { BaseEvent } from '../../core/index.js';
import type { ModelPromotedPayload } from './payloads.js';

/** `model.promoted`: published by the Continuous Learning Manager when a retrained model replaces the live one. */
export class ModelPromotedEvent extends BaseEvent<'model.promoted', ModelPromotedPayload> {
  static readonly type = 'model.promoted';
}

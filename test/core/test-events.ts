import { BaseEvent, createEvent, type Event } from '../../src/core/index.js';

/** The event map the core tests use. */
export interface TestEvents {
  'order.placed': { readonly orderId: string; readonly symbol: string };
  'order.filled': { readonly orderId: string; readonly price: number };
  'health.status_changed': { readonly status: 'HEALTHY' | 'CRITICAL' };
  'health.cpu.high': { readonly percent: number };
}

export class OrderPlacedEvent extends BaseEvent<'order.placed', TestEvents['order.placed']> {
  static readonly type = 'order.placed';
}

let orders = 0;

/** A fresh `order.placed` event. */
export function anOrderPlaced(symbol = 'BTCUSDT'): Event<'order.placed', TestEvents['order.placed']> {
  orders += 1;
  return createEvent('order.placed', { orderId: `o-${orders}`, symbol });
}

/** A fresh `order.filled` event. */
export function anOrderFilled(price = 100): Event<'order.filled', TestEvents['order.filled']> {
  orders += 1;
  return createEvent('order.filled', { orderId: `o-${orders}`, price });
}

/** Resolves after every pending promise callback has run (no timers involved). */
export async function flushMicrotasks(): Promise<void> {
  for (let round = 0; round < 10; round += 1) await Promise.resolve();
}

/** The reason `promise` rejects with; fails the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

import type { SubscriptionStats } from '../../core/index.js';
import type { SubscriptionDescription } from '../inspector-options.js';

const CLASS_AND_METHOD = /^([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)$/;

/**
 * The default `describeSubscription`: a name of the form `ClassName.methodName` (how the inversify
 * scanner names `@OnEvent` subscriptions) gives the service and the method; other names give nothing.
 */
export function describeSubscriptionByName(
  subscription: SubscriptionStats,
): SubscriptionDescription | undefined {
  const match = CLASS_AND_METHOD.exec(subscription.name);
  if (match === null) return undefined;
  return { service: match[1] as string, method: match[2] as string };
}

import type { ServiceIdentifier } from 'inversify';

/** A service identifier as text for messages and listings: a class's name, a symbol's description, a string quoted. */
export function describeServiceIdentifier(serviceIdentifier: ServiceIdentifier): string {
  if (typeof serviceIdentifier === 'function') return serviceIdentifier.name || '(anonymous class)';
  if (typeof serviceIdentifier === 'symbol') return serviceIdentifier.toString();
  return `"${serviceIdentifier}"`;
}

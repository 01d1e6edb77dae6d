/**
 * Freezes `value` and, recursively, the plain objects and arrays inside it. Class instances other
 * than arrays (Map, Date, Buffer, ...) are left as they are: freezing them would not make them immutable.
 */
export function deepFreeze<TValue>(value: TValue): TValue {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  const prototype: unknown = Object.getPrototypeOf(value);
  const isPlain = prototype === Object.prototype || prototype === null;
  if (!isPlain && !Array.isArray(value)) return value;
  Object.freeze(value);
  // for-in instead of Object.keys(): no array per object; plain objects and arrays inherit no
  // enumerable keys. Primitives are skipped before the call.
  for (const key in value) {
    const child = (value as Record<string, unknown>)[key];
    if (typeof child === 'object' && child !== null) deepFreeze(child);
  }
  return value;
}

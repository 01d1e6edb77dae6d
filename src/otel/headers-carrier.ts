import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import type { EventHeaders } from '../core/index.js';

/** Reads propagation fields from an event's `headers` (own properties only). */
export const headersGetter: TextMapGetter<EventHeaders | undefined> = {
  keys: (carrier) => (carrier === undefined ? [] : Object.keys(carrier)),
  get: (carrier, key) => (carrier !== undefined && Object.hasOwn(carrier, key) ? carrier[key] : undefined),
};

/** Writes propagation fields into a headers record being built. */
export const headersSetter: TextMapSetter<Record<string, string>> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

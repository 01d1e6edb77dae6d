/** Most characters of a payload the page receives; larger payloads are cut with a note. */
export const MAX_PAYLOAD_TEXT_CHARS = 64 * 1024;
/** Characters of the one-line preview shown in the events table. */
export const PREVIEW_CHARS = 160;

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `${value.toString()}n`;
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  return value;
}

/**
 * A payload as JSON text (pretty when `indent` > 0), cut at `maxChars`. Never throws: values JSON
 * cannot encode (cycles, a throwing `toJSON`) are described instead. The page shows it as text only.
 */
export function formatValue(value: unknown, indent: number, maxChars: number): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, replacer, indent);
  } catch (error) {
    text = `[not serialisable: ${error instanceof Error ? error.message : String(error)}]`;
  }
  text ??= String(value);
  return text.length <= maxChars
    ? text
    : `${text.slice(0, maxChars)}… (${text.length - maxChars} more characters)`;
}

import { InvalidSubscriptionError } from '../errors/invalid-subscription-error.js';
import { describeInvalidEventType, describeValue } from '../events/event-type.js';

/** A selector reduced to what matching needs. */
export interface CompiledSelector {
  /** The type or pattern, as text. */
  readonly text: string;
  /** Set for an exact type. */
  readonly exactType?: string;
  /** Set for a pattern: its segments (`*`, `**` or a literal). */
  readonly segments?: readonly string[];
}

const SEGMENT_PATTERN = /^(?:\*\*?|[A-Za-z0-9_-]+)$/;

function compilePattern(pattern: string): CompiledSelector {
  const segments = pattern.split('.');
  for (const segment of segments) {
    if (!SEGMENT_PATTERN.test(segment)) {
      throw new InvalidSubscriptionError(
        `pattern "${pattern}" has the segment "${segment}"; a segment is "*", "**" or a name without wildcards`,
      );
    }
  }
  return { text: pattern, segments };
}

/** Validates a selector (type, pattern or event class) and compiles it. */
export function compileSelector(selector: unknown): CompiledSelector {
  if (typeof selector === 'function') {
    const type: unknown = (selector as { type?: unknown }).type;
    if (typeof type !== 'string' || describeInvalidEventType(type) !== undefined) {
      throw new InvalidSubscriptionError(
        `class ${selector.name || '(anonymous)'} has no valid static "type" (got ${describeValue(type)})`,
      );
    }
    return { text: type, exactType: type };
  }
  if (typeof selector !== 'string')
    throw new InvalidSubscriptionError(`selector is ${describeValue(selector)}`);
  if (selector.includes('*')) return compilePattern(selector);
  const problem = describeInvalidEventType(selector);
  if (problem !== undefined) throw new InvalidSubscriptionError(`selector: ${problem}`);
  return { text: selector, exactType: selector };
}

function matchSegments(
  type: readonly string[],
  typeIndex: number,
  pattern: readonly string[],
  patternIndex: number,
): boolean {
  if (patternIndex === pattern.length) return typeIndex === type.length;
  const segment = pattern[patternIndex];
  if (segment === '**') {
    for (let next = typeIndex; next <= type.length; next += 1) {
      if (matchSegments(type, next, pattern, patternIndex + 1)) return true;
    }
    return false;
  }
  if (typeIndex === type.length) return false;
  return (
    (segment === '*' || segment === type[typeIndex]) &&
    matchSegments(type, typeIndex + 1, pattern, patternIndex + 1)
  );
}

/** True if `selector` matches the event type `type`. */
export function selectorMatches(selector: CompiledSelector, type: string): boolean {
  if (selector.exactType !== undefined) return selector.exactType === type;
  return matchSegments(type.split('.'), 0, selector.segments ?? [], 0);
}

import type { Event } from '../core/index.js';

/** An event with the events its handlers published (those whose `causationId` is its id). */
export interface CausalNode<TEvent extends Event = Event> {
  readonly event: TEvent;
  /** In publish order. */
  readonly children: readonly CausalNode<TEvent>[];
}

/**
 * The events of one flow as a forest: each event whose correlation id is `correlationId` (the
 * flow's root event has none and is matched by its own id), under the event that caused it.
 * Roots are events whose cause is outside the flow or unknown. Each event id appears once.
 */
export function buildCausalTree<TEvent extends Event>(
  events: readonly TEvent[],
  correlationId: string,
): readonly CausalNode<TEvent>[] {
  const nodes = new Map<string, { event: TEvent; children: CausalNode<TEvent>[] }>();
  for (const event of events) {
    if ((event.correlationId ?? event.id) === correlationId && !nodes.has(event.id)) {
      nodes.set(event.id, { event, children: [] });
    }
  }
  const roots: CausalNode<TEvent>[] = [];
  for (const node of nodes.values()) {
    const causationId = node.event.causationId;
    const parent = causationId === undefined ? undefined : nodes.get(causationId);
    (parent === undefined || parent === node ? roots : parent.children).push(node);
  }
  return roots;
}

/**
 * Renders a causal tree as indented lines, one event per line, for assertions and logs:
 *
 * ```text
 * health.status_changed
 * └─ policy.updated
 * ```
 *
 * @param describe - the text of one event. @defaultValue its type
 */
export function formatCausalTree<TEvent extends Event>(
  roots: readonly CausalNode<TEvent>[],
  describe: (event: TEvent) => string = (event) => event.type,
): string {
  const lines: string[] = [];
  const walk = (nodes: readonly CausalNode<TEvent>[], prefix: string, nested: boolean): void => {
    nodes.forEach((node, index) => {
      const last = index === nodes.length - 1;
      lines.push(`${prefix}${nested ? (last ? '└─ ' : '├─ ') : ''}${describe(node.event)}`);
      walk(node.children, nested ? `${prefix}${last ? '   ' : '│  '}` : prefix, true);
    });
  };
  walk(roots, '', false);
  return lines.join('\n');
}

import type { Event } from '../core/index.js';
import type { TimelineDelivery, TimelineEvent } from './timeline.js';

interface Node {
  readonly label: string;
  readonly children: readonly Node[];
}

const CLOCK_WIDTH = 7;

function deliveryMark(delivery: TimelineDelivery): string {
  const attempts = delivery.attempts > 1 ? ` after ${delivery.attempts} attempts` : '';
  if (delivery.status === 'succeeded') return `✓${attempts}`;
  if (delivery.status === 'failed') return `✗ failed${attempts}, dead-lettered`;
  return '… still running';
}

function eventNode(entry: TimelineEvent, describe: (event: Event) => string): Node {
  const children: Node[] = entry.deliveries.map((delivery) => ({
    label: `${delivery.subscription} ${deliveryMark(delivery)}`,
    children: delivery.items.map((item) =>
      item.kind === 'note' ? { label: item.text, children: [] } : eventNode(item.entry, describe),
    ),
  }));
  if (entry.unhandled) children.push({ label: '(no subscriber)', children: [] });
  return { label: `${entry.actor} ▶ ${entry.event.type}: ${describe(entry.event)}`, children };
}

function renderChildren(nodes: readonly Node[], prefix: string, lines: string[]): void {
  nodes.forEach((node, index) => {
    const last = index === nodes.length - 1;
    lines.push(`${prefix}${last ? '└─ ' : '├─ '}${node.label}`);
    renderChildren(node.children, `${prefix}${last ? '   ' : '│  '}`, lines);
  });
}

/**
 * The timeline as text: each top-level event on a line starting with the script's clock, then the
 * subscriptions that handled it, and under each what it logged, sent and published, so a chain of
 * causes reads top to bottom:
 *
 * ```text
 * 10:15  System Health Monitor ▶ health.status_changed: DEGRADED -> CRITICAL (...)
 *        └─ MetaStrategyController.onHealthStatusChanged ✓
 *           └─ MSC AI ▶ policy.updated: NORMAL -> DEFENSIVE, v2: ...
 * ```
 */
export function renderTimeline(
  roots: readonly TimelineEvent[],
  describe: (event: Event) => string,
): string[] {
  const lines: string[] = [];
  for (const entry of roots) {
    const node = eventNode(entry, describe);
    lines.push(`${(entry.at ?? '').padEnd(CLOCK_WIDTH)}${node.label}`);
    renderChildren(node.children, ' '.repeat(CLOCK_WIDTH), lines);
  }
  return lines;
}

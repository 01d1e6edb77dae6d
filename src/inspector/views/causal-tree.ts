/** What the causal ordering needs of an event. */
export interface CausalItem {
  readonly id: string;
  readonly causationId?: string;
}

/** An item placed in its causal tree: `depth` 0 for a root; `parentId` when its cause is in the tree. */
export interface CausalPlacement<TItem extends CausalItem> {
  readonly item: TItem;
  readonly depth: number;
  readonly parentId?: string;
  /** True when the item names a cause that is not among the items (forgotten or never seen). */
  readonly causeMissing: boolean;
}

/**
 * Orders `items` (one correlation id's events, oldest first) as a depth-first walk of the tree their
 * causation ids form, siblings in their original order. Iterative, so a long chain cannot overflow the
 * stack; items caught in a causation cycle are placed as roots rather than dropped.
 */
export function orderCausally<TItem extends CausalItem>(items: readonly TItem[]): CausalPlacement<TItem>[] {
  const ids = new Set(items.map((item) => item.id));
  const children = new Map<string, TItem[]>();
  const roots: TItem[] = [];
  for (const item of items) {
    const cause = item.causationId;
    if (cause !== undefined && cause !== item.id && ids.has(cause)) {
      const siblings = children.get(cause) ?? [];
      siblings.push(item);
      children.set(cause, siblings);
    } else {
      roots.push(item);
    }
  }
  const placed: CausalPlacement<TItem>[] = [];
  const visited = new Set<TItem>();
  const walk = (root: TItem): void => {
    const stack: { item: TItem; depth: number; parentId?: string }[] = [{ item: root, depth: 0 }];
    while (stack.length > 0) {
      const { item, depth, parentId } = stack.pop() as (typeof stack)[number];
      if (visited.has(item)) continue;
      visited.add(item);
      const cause = item.causationId;
      placed.push({
        item,
        depth,
        ...(parentId === undefined ? {} : { parentId }),
        causeMissing: cause !== undefined && parentId === undefined && !ids.has(cause),
      });
      const next = children.get(item.id) ?? [];
      for (let index = next.length - 1; index >= 0; index--) {
        stack.push({ item: next[index] as TItem, depth: depth + 1, parentId: item.id });
      }
    }
  };
  for (const root of roots) walk(root);
  for (const item of items) if (!visited.has(item)) walk(item);
  return placed;
}

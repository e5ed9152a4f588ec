/** What changed between two versions of a document (policy or process), field by field, for the audit and the history. */

export type Change = { path: string; before: unknown; after: unknown };

const keyOf = (item: unknown): string | null => {
  if (item && typeof item === 'object') {
    const o = item as Record<string, unknown>;
    if (typeof o.id === 'string') return o.id;
    if (typeof o.code === 'string') return o.code;
  }
  return null;
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The changes from one document to another; arrays of items with an id or code are compared item by item. */
export function diffDocuments(before: unknown, after: unknown, path = ''): Change[] {
  if (same(before, after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const keyed = [...before, ...after].every((i) => keyOf(i) !== null);
    if (!keyed) return [{ path, before, after }];
    const old = new Map(before.map((i) => [keyOf(i) as string, i]));
    const now = new Map(after.map((i) => [keyOf(i) as string, i]));
    const changes: Change[] = [];
    for (const [key, item] of old) {
      if (!now.has(key)) changes.push({ path: `${path}[${key}]`, before: item, after: undefined });
    }
    for (const [key, item] of now) {
      const was = old.get(key);
      if (was === undefined) changes.push({ path: `${path}[${key}]`, before: undefined, after: item });
      else changes.push(...diffDocuments(was, item, `${path}[${key}]`));
    }
    const order = (list: unknown[]) => list.map(keyOf).join(',');
    if (changes.length === 0 && order(before) !== order(after)) changes.push({ path: `${path}.order`, before: order(before), after: order(after) });
    return changes;
  }
  if (before && after && typeof before === 'object' && typeof after === 'object' && !Array.isArray(before) && !Array.isArray(after)) {
    const a = before as Record<string, unknown>;
    const b = after as Record<string, unknown>;
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((k) => diffDocuments(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return [{ path, before, after }];
}

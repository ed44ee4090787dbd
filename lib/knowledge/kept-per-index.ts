/**
 * What a pure function of a site's index found, kept per index: a site's index is built anew when
 * its articles change, so a new index starts empty and an old one's entries go with it. At most
 * `limit` entries per index (the keys come from visitors' words).
 */
export function keptPerIndex<Value>(limit: number) {
  const byIndex = new WeakMap<object, Map<string, Value>>();
  return (index: object, key: string, find: () => Value): Value => {
    let kept = byIndex.get(index);
    if (!kept) byIndex.set(index, (kept = new Map()));
    if (kept.has(key)) return kept.get(key)!;
    const found = find();
    if (kept.size >= limit) kept.clear();
    kept.set(key, found);
    return found;
  };
}

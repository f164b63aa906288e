/**
 * Wraps the named methods of `target` in place so each call is counted, e.g. to show which attempts
 * of a use case decide without reading. Returns the live counts.
 */
export const countCalls = <T extends object, K extends keyof T & string>(
  target: T,
  names: readonly K[],
): Record<K, number> => {
  const counts = Object.fromEntries(names.map((name) => [name, 0])) as Record<K, number>;
  for (const name of names) {
    const original = target[name];
    if (typeof original !== 'function') throw new Error(`${name} is not a method`);
    target[name] = ((...args: unknown[]) => {
      counts[name]++;
      return original.apply(target, args);
    }) as T[K];
  }
  return counts;
};

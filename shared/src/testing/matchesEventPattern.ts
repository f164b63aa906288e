type Pattern = { readonly [key: string]: Pattern | readonly unknown[] };

const matchesValue = (allowed: readonly unknown[], value: unknown): boolean => {
  const values = Array.isArray(value) ? value : [value];
  return allowed.some((rule) => {
    if (rule !== null && typeof rule === 'object') {
      const [operator, operand] = Object.entries(rule)[0] ?? [];
      if (operator === 'exists') return (value !== undefined) === operand;
      if (operator === 'prefix')
        return values.some((v) => typeof v === 'string' && v.startsWith(String(operand)));
      throw new Error(`Unsupported pattern operator ${String(operator)}`);
    }
    return values.includes(rule);
  });
};

/**
 * EventBridge event-pattern matching (the subset this project's filters use: exact values,
 * `exists` and `prefix`, nested objects) for contract tests of pipe and rule filters.
 * An operator outside the subset throws rather than pretending to match.
 */
export const matchesEventPattern = (pattern: Pattern, event: unknown): boolean =>
  Object.entries(pattern).every(([key, rule]) => {
    const value =
      event !== null && typeof event === 'object' ? (event as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(rule)) return matchesValue(rule, value);
    if (value === null || typeof value !== 'object') return false;
    return matchesEventPattern(rule as Pattern, value);
  });

/**
 * EventBridge Pipes' input transformation, as its documentation specifies it, for contract tests:
 * `<$.path>` placeholders take values from the event. Inside quotes a placeholder must name a
 * string (or number), inserted as its text; without quotes an object or array is inserted as JSON
 * and a string or number as its raw text. No escaping is applied, which is why the outbox keeps
 * header values free of quotes and backslashes; a value that would need escaping fails here.
 * Reserved `<aws.pipes.*>` variables are not supported (the project's template uses none).
 */
export const applyPipeInputTemplate = (template: string, event: unknown): string =>
  template.replace(/<([^<>]+)>/g, (placeholder, path: string, offset: number) => {
    if (!path.startsWith('$')) throw new Error(`Unsupported template variable ${placeholder}`);
    const value = resolvePipePath(path, event);
    const quoted = template[offset - 1] === '"' && template[offset + placeholder.length] === '"';
    if (quoted) {
      if (typeof value !== 'string' && typeof value !== 'number')
        throw new Error(`${placeholder} is quoted but is not a string or number`);
      const text = String(value);
      if (/["\\\n\r\t]/.test(text)) throw new Error(`${placeholder} value would need escaping: ${text}`);
      return text;
    }
    if (value !== null && typeof value === 'object') return JSON.stringify(value);
    return String(value);
  });

/** A pipe JSON path (dot notation and array indices) resolved against the event; missing paths throw. */
export const resolvePipePath = (path: string, event: unknown): unknown => {
  if (!path.startsWith('$.')) throw new Error(`Not a JSON path: ${path}`);
  let current: unknown = event;
  for (const step of path.slice(2).split(/\.|(?=\[)/)) {
    const index = /^\[(\d+)\]$/.exec(step);
    const key = index ? Number(index[1]) : step;
    if (current === null || typeof current !== 'object' || !(key in current))
      throw new Error(`${path}: nothing at "${step}"`);
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
};

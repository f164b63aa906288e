/** A required setting is missing or malformed: a deployment bug, never retried. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

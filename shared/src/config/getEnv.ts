import { ConfigurationError } from '../errors/ConfigurationError';

/** Reads a required environment variable once, failing fast at cold start when it is missing. */
export const getEnv = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new ConfigurationError(`Missing required environment variable ${name}`);
  }
  return value;
};

/** Reads a positive integer setting with a default, rejecting anything that is not one. */
export const getIntEnv = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new ConfigurationError(`Environment variable ${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
};

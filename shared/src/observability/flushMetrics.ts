import { metrics } from './metrics';

/** Publishes what this invocation recorded; skips the empty flush Powertools would warn about. */
export const flushMetrics = (): void => {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
};

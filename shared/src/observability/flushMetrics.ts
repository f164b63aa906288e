import { logger } from '../logging/logger';
import { metrics } from './metrics';
import { takeRequestCounts } from './requestCounter';

/**
 * End of an invocation: publishes what it recorded (skipping the empty flush Powertools would warn
 * about) and logs the AWS requests it made, one line, for the benchmark's cost model.
 */
export const flushMetrics = (): void => {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  logger.info('AWS requests', { awsRequests: takeRequestCounts() });
};

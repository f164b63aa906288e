import { logger } from '../logging/logger';
import { metrics } from './metrics';
import { requestLogSettings, takeRequestCounts } from './requestCounter';

const requestLog = requestLogSettings();

/**
 * End of an invocation: publishes what it recorded (skipping the empty flush Powertools would warn
 * about) and, when the benchmark switched the request log on, logs the AWS requests it made in one line.
 */
export const flushMetrics = (): void => {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  if (requestLog.enabled) logger.info('AWS requests', takeRequestCounts());
};

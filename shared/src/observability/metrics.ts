import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * One Powertools Metrics instance per function: CloudWatch embedded metric format on stdout,
 * namespace Saga, dimension `service` from POWERTOOLS_SERVICE_NAME. Flushed by the Lambda wrappers.
 */
export const metrics = new Metrics({ namespace: 'Saga' });

import { MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  buildEventBridgePublisher,
  dynamoClient,
  eventBridgeClient,
  flushMetrics,
  getEnv,
  getIntEnv,
  logger,
  metrics,
  systemClock,
} from '@saga/shared';
import {
  buildParticipantEffectsReader,
  buildTerminalEventRepublisher,
  buildVerificationQueue,
} from '../adapters/buildSagaVerification';
import { reconcileTerminalSagas } from '../useCases/reconcileTerminalSagas';

const client = dynamoClient();
const reconcile = reconcileTerminalSagas({
  queue: buildVerificationQueue(client, getEnv('ORDERS_TABLE')),
  effects: buildParticipantEffectsReader(client, {
    reservations: getEnv('RESERVATIONS_TABLE'),
    payments: getEnv('PAYMENTS_TABLE'),
    awards: getEnv('AWARDS_TABLE'),
  }),
  republisher: buildTerminalEventRepublisher(
    client,
    getEnv('OUTBOX_TABLE'),
    buildEventBridgePublisher(eventBridgeClient(), getEnv('EVENT_BUS_NAME')),
  ),
  clock: systemClock,
  policy: {
    // Derived in shared/infra/timings.js; required, never defaulted.
    graceMs: Number(getEnv('RECONCILE_GRACE_SECONDS')) * 1000,
    maxAttempts: getIntEnv('MAX_RECONCILE_ATTEMPTS', 3),
    batchSize: getIntEnv('RECONCILE_BATCH_SIZE', 3000),
    concurrency: getIntEnv('RECONCILE_CONCURRENCY', 4),
  },
});

/** Scheduled: terminal sagas whose effects diverge are repaired through the normal event path. */
export const handler = async () => {
  const summary = await reconcile();
  let total = 0;
  for (const [kind, count] of Object.entries(summary.repaired)) {
    metrics.addMetric(`Repaired${kind}`, MetricUnit.Count, count);
    total += count;
  }
  metrics.addMetric('SagaEffectsRepaired', MetricUnit.Count, total);
  metrics.addMetric('SagaEffectsUnrepaired', MetricUnit.Count, summary.gaveUp.length);
  metrics.addMetric('SagasVerified', MetricUnit.Count, summary.verified);
  flushMetrics();
  if (total > 0 || summary.gaveUp.length > 0 || summary.republishFailed.length > 0) {
    logger.warn('Terminal sagas repaired', { ...summary });
  }
  return summary;
};

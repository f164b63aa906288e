import { flushMetrics, getIntEnv, logger } from '@saga/shared';
import { wireOrders } from '../dependencies';
import { expireOverdueSagas } from '../useCases/expireOverdueSagas';

const expire = expireOverdueSagas({
  ...wireOrders(),
  policy: {
    deadlineMs: getIntEnv('SAGA_DEADLINE_SECONDS', 300) * 1000,
    maxCompensationAttempts: getIntEnv('MAX_COMPENSATION_ATTEMPTS', 3),
  },
});

/** Scheduled: the saga deadline and the bounded retry of unfinished compensations. */
export const handler = async () => {
  const summary = await expire();
  flushMetrics();
  if (summary.expired + summary.compensationRetried + summary.compensationFailed > 0) {
    logger.warn('Overdue sagas handled', { ...summary });
  }
  return summary;
};

import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { compensationCategory } from './compensationCategory';
import type { SagaObserver } from './SagaObserver';

/**
 * Emits the seed's saga figures: started, confirmed, compensated (by reason), compensation rate,
 * duration. Each ended saga gets its own record naming the order, so a saga's figures can be found
 * in the logs and are never merged with those of other sagas that ended in the same batch.
 */
export const buildMetricsSagaObserver = (metrics: Metrics): SagaObserver => {
  /**
   * The EMF record an ended saga fills and publishes in one synchronous step (so two sagas ending in
   * one batch never mix), then empty again: one per observer, built when the first saga ends (functions
   * that end none never pay for it), since a Metrics per saga (config, a new Console) was 1.6 % of the
   * reply consumer's CPU under load.
   */
  let sagaRecord: Metrics | undefined;
  return {
    started(order) {
      // One saga per createOrder invocation, so the invocation's record can name it.
      metrics.addMetadata('orderId', order.orderId);
      metrics.addMetric('SagasStarted', MetricUnit.Count, 1);
    },
    ended(order) {
      if (order.status === 'PENDING') return;
      const endedAt = order.status === 'CONFIRMED' ? order.confirmedAt : order.cancelledAt;
      sagaRecord ??= new Metrics({ namespace: 'Saga' });
      const record = sagaRecord;
      record.addMetadata('orderId', order.orderId);
      record.addMetadata('sagaId', order.sagaId);
      record.addMetric(
        'SagaDuration',
        MetricUnit.Milliseconds,
        Date.parse(endedAt) - Date.parse(order.createdAt),
      );
      // 100 or 0 per ended saga: its average is the compensation rate in percent (SagaFailureAlarm).
      record.addMetric('SagaCompensationRate', MetricUnit.Percent, order.status === 'CANCELLED' ? 100 : 0);
      if (order.status === 'CONFIRMED') {
        record.addMetric('SagasConfirmed', MetricUnit.Count, 1);
        record.publishStoredMetrics();
        return;
      }
      record.addMetric('SagasCompensated', MetricUnit.Count, 1);
      record.publishStoredMetrics();
      const byReason = metrics.singleMetric();
      byReason.addDimension('reason', compensationCategory(order.reason));
      byReason.addMetric('SagasCompensatedByReason', MetricUnit.Count, 1);
    },
    compensationFailed() {
      metrics.addMetric('SagasCompensationFailed', MetricUnit.Count, 1);
    },
  };
};

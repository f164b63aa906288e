import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { compensationCategory } from './compensationCategory';
import type { SagaObserver } from './SagaObserver';

/** Emits the seed's saga figures: started, confirmed, compensated (by reason), compensation rate, duration. */
export const buildMetricsSagaObserver = (metrics: Metrics): SagaObserver => ({
  started() {
    metrics.addMetric('SagasStarted', MetricUnit.Count, 1);
  },
  ended(order) {
    if (order.status === 'PENDING') return;
    const endedAt = order.status === 'CONFIRMED' ? order.confirmedAt : order.cancelledAt;
    metrics.addMetric(
      'SagaDuration',
      MetricUnit.Milliseconds,
      Date.parse(endedAt) - Date.parse(order.createdAt),
    );
    // 100 or 0 per ended saga: its average is the compensation rate in percent (SagaFailureAlarm).
    metrics.addMetric('SagaCompensationRate', MetricUnit.Percent, order.status === 'CANCELLED' ? 100 : 0);
    if (order.status === 'CONFIRMED') {
      metrics.addMetric('SagasConfirmed', MetricUnit.Count, 1);
      return;
    }
    metrics.addMetric('SagasCompensated', MetricUnit.Count, 1);
    const byReason = metrics.singleMetric();
    byReason.addDimension('reason', compensationCategory(order.reason));
    byReason.addMetric('SagasCompensatedByReason', MetricUnit.Count, 1);
  },
  compensationFailed() {
    metrics.addMetric('SagasCompensationFailed', MetricUnit.Count, 1);
  },
});

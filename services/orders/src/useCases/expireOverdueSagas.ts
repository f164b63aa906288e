import { type Clock, type IdGenerator, TransactionConflictError } from '@saga/shared';
import { evolveOrder } from '../domain/order/evolveOrder';
import type { OrderEvent } from '../domain/order/OrderEvent';
import { decideSagaDeadline, type SagaDeadlinePolicy } from '../domain/saga/decideSagaDeadline';
import { evolveSaga, type SagaEvent } from '../domain/saga/evolveSaga';
import type { SagaState } from '../domain/saga/SagaState';
import { type SagaObserver, silentSagaObserver } from '../observability/SagaObserver';
import type { OrderStore } from '../ports/OrderStore';
import { toOrderEnvelope } from './toOrderEnvelope';

export interface ExpireOverdueSagasDependencies {
  readonly store: OrderStore;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly policy: SagaDeadlinePolicy;
  readonly batchSize?: number;
  readonly observer?: SagaObserver;
}

export interface DeadlineSummary {
  expired: number;
  compensationRetried: number;
  compensationFailed: number;
  skipped: number;
}

export const TIMEOUT_REASON = 'timeout';

/**
 * The saga deadline: sagas stuck in progress are cancelled with reason `timeout` (which starts
 * compensation); compensations that do not finish are asked again, a bounded number of times,
 * then parked as COMPENSATION_FAILED. Every write is guarded on the versions read, so a reply
 * that lands meanwhile wins and this saga is simply looked at again on the next run.
 */
export const expireOverdueSagas =
  ({
    store,
    clock,
    newId,
    policy,
    batchSize = 100,
    observer = silentSagaObserver,
  }: ExpireOverdueSagasDependencies) =>
  async (): Promise<DeadlineSummary> => {
    const summary: DeadlineSummary = {
      expired: 0,
      compensationRetried: 0,
      compensationFailed: 0,
      skipped: 0,
    };
    const now = clock();
    const cutoff = new Date(now.getTime() - policy.deadlineMs);
    const overdue = [
      ...(await store.findSagas('STARTED', cutoff, batchSize)),
      ...(await store.findSagas('COMPENSATING', cutoff, batchSize)),
    ];
    for (const saga of overdue) {
      try {
        await handleOverdue(saga);
      } catch (error) {
        if (!(error instanceof TransactionConflictError)) throw error;
        summary.skipped++;
      }
    }
    return summary;

    async function handleOverdue(saga: SagaState) {
      const action = decideSagaDeadline(saga, now, policy);
      if (action.kind === 'none') return;
      const order = await store.get(saga.orderId);
      if (!order) throw new Error(`Saga ${saga.sagaId} has no order ${saga.orderId}`);
      const at = now.toISOString();
      const context = { clock, newId };
      if (action.kind === 'expire') {
        const decided: OrderEvent[] =
          order.status === 'PENDING' ? [{ type: 'order.cancelled', reason: TIMEOUT_REASON }] : [];
        const events = decided.map((event) =>
          toOrderEnvelope(context, order, event, `deadline:${saga.sagaId}`),
        );
        const nextOrder = decided.reduce((state, event) => evolveOrder(state, event, at), order);
        const nextSaga = (events as SagaEvent[]).reduce((state, event) => evolveSaga(state, event, at), saga);
        await store.apply({
          order: nextOrder,
          previousOrder: order,
          saga: nextSaga,
          previousSaga: saga,
          events,
        });
        summary.expired++;
        return;
      }
      if (saga.status !== 'COMPENSATING') return;
      if (action.kind === 'retry-compensation') {
        // Re-send the cancellation as a new event: participants answer it again, idempotently.
        const reason = order.status === 'CANCELLED' ? order.reason : saga.compensationReason;
        const events = [
          toOrderEnvelope(context, order, { type: 'order.cancelled', reason }, `deadline:${saga.sagaId}`),
        ];
        const nextSaga: SagaState = { ...saga, compensationAttempts: action.attempt, updatedAt: at };
        await store.apply({ order, previousOrder: order, saga: nextSaga, previousSaga: saga, events });
        summary.compensationRetried++;
        return;
      }
      const failed: SagaState = { ...saga, status: 'COMPENSATION_FAILED', updatedAt: at };
      await store.apply({ order, previousOrder: order, saga: failed, previousSaga: saga, events: [] });
      observer.compensationFailed(saga.sagaId);
      summary.compensationFailed++;
    }
  };

import {
  type AnyEventEnvelope,
  type Clock,
  type IdGenerator,
  InvalidEventError,
  type ProcessOutcome,
  processOnce,
} from '@saga/shared';
import { decideOrder } from '../domain/order/decideOrder';
import { evolveOrder } from '../domain/order/evolveOrder';
import type { SagaReply } from '../domain/order/SagaReply';
import { evolveSaga, type SagaEvent } from '../domain/saga/evolveSaga';
import { type SagaObserver, silentSagaObserver } from '../observability/SagaObserver';
import type { OrderStore } from '../ports/OrderStore';
import { toOrderEnvelope } from './toOrderEnvelope';

export interface HandleSagaReplyDependencies {
  readonly store: OrderStore;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly observer?: SagaObserver;
}

/**
 * A participant replied: record the step in the saga, and confirm or cancel the order when the
 * reply decides it. Order, saga and outgoing events commit together, guarded by their versions.
 * There is no dedupe record: a step is recorded once and only a PENDING order changes, so a
 * replayed reply reads the state it left and decides nothing (and a concurrent copy loses the
 * version race, reads, and decides nothing).
 */
export const handleSagaReply =
  ({ store, clock, newId, observer = silentSagaObserver }: HandleSagaReplyDependencies) =>
  (reply: SagaReply): Promise<ProcessOutcome> =>
    processOnce(reply.eventId, async () => {
      const read = await store.getWithSaga(reply.data.orderId);
      if (!read) throw new InvalidEventError(`No order ${reply.data.orderId}`, reply.eventId);
      const { order, saga } = read;
      if (!saga) throw new Error(`Order ${order.orderId} has no saga state ${order.sagaId}`);

      const now = clock().toISOString();
      const decided = decideOrder(order, reply);
      const events = decided.map((event) => toOrderEnvelope({ clock, newId }, order, event, reply.eventId));
      const nextOrder = decided.reduce((state, event) => evolveOrder(state, event, now), order);
      const sagaEvents: SagaEvent[] = [reply, ...(events as SagaEvent[])];
      const nextSaga = sagaEvents.reduce((state, event) => evolveSaga(state, event, now), saga);
      if (nextOrder === order && nextSaga === saga && events.length === 0) return 'duplicate';

      await store.apply({
        order: nextOrder,
        previousOrder: order,
        saga: nextSaga,
        previousSaga: saga,
        events: events as AnyEventEnvelope[],
      });
      if (nextOrder.status !== order.status) observer.ended(nextOrder);
      return 'applied';
    });

import type { Order } from '../domain/order/Order';

/** What the saga's owner reports about sagas as they end (a port: metrics in Lambda, nothing in tests). */
export interface SagaObserver {
  started(order: Order): void;
  ended(order: Order): void;
  compensationFailed(sagaId: string): void;
}

export const silentSagaObserver: SagaObserver = {
  started: () => undefined,
  ended: () => undefined,
  compensationFailed: () => undefined,
};

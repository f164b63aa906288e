import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { SagaState } from './SagaState';

export interface SagaStateRepository {
  get(sagaId: string): Promise<SagaState | undefined>;
  findByOrderId(orderId: string): Promise<SagaState | undefined>;
  /** Sagas in `status` last updated before `before`, oldest first, through the StatusIndex. */
  findByStatusUpdatedBefore(status: SagaState['status'], before: Date, limit: number): Promise<SagaState[]>;
  /** A transaction item writing `saga`, guarded on the version it was read at (-1: must not exist). */
  putItem(saga: SagaState, expectedVersion: number): TransactWriteItem;
}

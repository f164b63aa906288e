import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { SagaState } from '../domain/saga/SagaState';

export interface SagaStateRepository {
  get(sagaId: string): Promise<SagaState | undefined>;
  /** Where `sagaId` is stored, for a read batched with another table's (OrderStore.getWithSaga). */
  readKey(sagaId: string): { readonly tableName: string; readonly key: Record<string, AttributeValue> };
  fromItem(item: Record<string, AttributeValue>): SagaState;
  findByOrderId(orderId: string): Promise<SagaState | undefined>;
  /** Sagas in `status` last updated before `before`, oldest first, through the StatusIndex. */
  findByStatusUpdatedBefore(status: SagaState['status'], before: Date, limit: number): Promise<SagaState[]>;
  /** A transaction item writing `saga`, guarded on the version it was read at (-1: must not exist). */
  /** The most recently updated sagas in `status`, newest first, through the StatusIndex. */
  findRecentByStatus(status: SagaState['status'], limit: number): Promise<SagaState[]>;
  putItem(saga: SagaState, expectedVersion: number): TransactWriteItem;
}

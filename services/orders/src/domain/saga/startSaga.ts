import type { SagaState } from './SagaState';

/** A saga begins with its order, in the same transaction. */
export const startSaga = (sagaId: string, orderId: string, at: string): SagaState => ({
  sagaId,
  orderId,
  status: 'STARTED',
  currentStep: 'CREATED',
  steps: { created: { status: 'SUCCESS', timestamp: at } },
  compensationRequired: false,
  createdAt: at,
  updatedAt: at,
  version: 0,
});

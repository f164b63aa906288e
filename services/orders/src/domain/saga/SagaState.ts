export type StepStatus = 'SUCCESS' | 'FAILED' | 'IN_PROGRESS';

export interface StepRecord {
  readonly status: StepStatus;
  /** When the step happened: the occurredAt of the event that recorded it. */
  readonly timestamp: string;
  readonly error?: string;
}

export interface SagaSteps {
  readonly created: StepRecord;
  readonly inventoryReservation?: StepRecord;
  readonly paymentProcessing?: StepRecord;
  readonly confirmation?: StepRecord;
  readonly compensation?: StepRecord;
}

export type SagaStep =
  | 'CREATED'
  | 'INVENTORY_RESERVED'
  | 'INVENTORY_RESERVATION_FAILED'
  | 'PAYMENT_SUCCEEDED'
  | 'PAYMENT_FAILED'
  | 'CONFIRMED'
  | 'COMPENSATING'
  | 'COMPENSATED';

interface SagaBase {
  readonly sagaId: string;
  readonly orderId: string;
  readonly currentStep: SagaStep;
  readonly steps: SagaSteps;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
  /** How often the deadline sweeper re-requested a compensation that did not finish. */
  readonly compensationAttempts?: number;
}

/** The saga-state record of the seed, keyed on `status`. */
export type SagaState =
  | (SagaBase & { readonly status: 'STARTED'; readonly compensationRequired: false })
  | (SagaBase & { readonly status: 'COMPLETED'; readonly compensationRequired: false })
  | (SagaBase & {
      /** COMPENSATION_FAILED: retries exhausted; needs manual intervention (see `make sagas`). */
      readonly status: 'COMPENSATING' | 'COMPENSATED' | 'COMPENSATION_FAILED';
      readonly compensationRequired: true;
      readonly compensationReason: string;
    });

export type SagaStatus = SagaState['status'];

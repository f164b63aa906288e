import type { SagaState } from '@saga/orders/src/domain/saga/SagaState';
import { startSaga } from '@saga/orders/src/domain/saga/startSaga';
import { renderSagaList } from './renderSagaList';
import { renderSagaTimeline } from './renderSagaTimeline';

const now = new Date('2030-01-01T00:10:00.000Z');
const completed = {
  ...startSaga('saga-1', 'ord-1', '2030-01-01T00:00:00.000Z'),
  status: 'COMPLETED',
  currentStep: 'CONFIRMED',
  updatedAt: '2030-01-01T00:00:01.000Z',
  steps: {
    created: { status: 'SUCCESS', timestamp: '2030-01-01T00:00:00.000Z' },
    inventoryReservation: { status: 'SUCCESS', timestamp: '2030-01-01T00:00:00.250Z' },
    paymentProcessing: { status: 'SUCCESS', timestamp: '2030-01-01T00:00:00.500Z' },
    confirmation: { status: 'SUCCESS', timestamp: '2030-01-01T00:00:01.000Z' },
  },
} as SagaState;
const compensated = {
  ...startSaga('saga-2', 'ord-2', '2030-01-01T00:05:00.000Z'),
  status: 'COMPENSATED',
  currentStep: 'COMPENSATED',
  compensationRequired: true,
  compensationReason: 'Payment failed: Insufficient funds',
  updatedAt: '2030-01-01T00:05:02.000Z',
  steps: {
    created: { status: 'SUCCESS', timestamp: '2030-01-01T00:05:00.000Z' },
    inventoryReservation: { status: 'SUCCESS', timestamp: '2030-01-01T00:05:00.500Z' },
    paymentProcessing: {
      status: 'FAILED',
      timestamp: '2030-01-01T00:05:01.000Z',
      error: 'Insufficient funds',
    },
    compensation: { status: 'SUCCESS', timestamp: '2030-01-01T00:05:02.000Z' },
  },
} as SagaState;
const stuck: SagaState = { ...startSaga('saga-3', 'ord-3', '2030-01-01T00:01:00.000Z') };

describe('renderSagaTimeline', () => {
  it('lists the steps in time order with their offset, error and the compensation reason', () => {
    expect(renderSagaTimeline(compensated).split('\n')).toEqual([
      'saga saga-2  order ord-2  COMPENSATED (current step COMPENSATED)',
      '     +0.000s  created                SUCCESS',
      '     +0.500s  inventoryReservation   SUCCESS',
      '     +1.000s  paymentProcessing      FAILED  Insufficient funds',
      '     +2.000s  compensation           SUCCESS',
      '  compensation reason: Payment failed: Insufficient funds',
    ]);
  });

  it('has no reason line for a completed saga', () => {
    expect(renderSagaTimeline(completed)).not.toContain('compensation reason');
    expect(renderSagaTimeline(completed)).toContain('+1.000s  confirmation           SUCCESS');
  });
});

describe('renderSagaList', () => {
  it('sorts newest first, shows ages and flags stuck sagas', () => {
    const lines = renderSagaList([completed, stuck, compensated], now).split('\n');
    expect(lines[0]).toMatch(/^ORDER\s+STATUS\s+STEP\s+AGE\s+IDLE\s+FLAG\s+COMPENSATION REASON$/);
    expect(lines[1]).toMatch(
      /^ord-2\s+COMPENSATED\s+COMPENSATED\s+5m\s+5m\s+Payment failed: Insufficient funds$/,
    );
    expect(lines[2]).toMatch(/^ord-3\s+STARTED\s+CREATED\s+9m\s+9m\s+STUCK$/);
    expect(lines[3]).toMatch(/^ord-1\s+COMPLETED\s+CONFIRMED\s+10m\s+10m$/);
  });

  it('says so when there is nothing', () => {
    expect(renderSagaList([], now)).toBe('no sagas');
  });
});

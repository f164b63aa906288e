import { decideSagaDeadline } from './decideSagaDeadline';
import type { SagaState } from './SagaState';
import { startSaga } from './startSaga';

const policy = { deadlineMs: 60_000, maxCompensationAttempts: 2 };
const started = startSaga('saga-1', 'ord-1', '2030-01-01T00:00:00.000Z');
const at = (seconds: number) => new Date(Date.parse('2030-01-01T00:00:00.000Z') + seconds * 1000);
const compensating = (attempts?: number): SagaState => ({
  ...started,
  status: 'COMPENSATING',
  currentStep: 'COMPENSATING',
  compensationRequired: true,
  compensationReason: 'timeout',
  ...(attempts === undefined ? {} : { compensationAttempts: attempts }),
});

describe('decideSagaDeadline', () => {
  it('does nothing before the deadline', () => {
    expect(decideSagaDeadline(started, at(59), policy)).toEqual({ kind: 'none' });
  });

  it('expires a STARTED saga at the deadline', () => {
    expect(decideSagaDeadline(started, at(60), policy)).toEqual({ kind: 'expire' });
  });

  it('retries an overdue compensation, counting attempts, then gives up', () => {
    expect(decideSagaDeadline(compensating(), at(61), policy)).toEqual({
      kind: 'retry-compensation',
      attempt: 1,
    });
    expect(decideSagaDeadline(compensating(1), at(61), policy)).toEqual({
      kind: 'retry-compensation',
      attempt: 2,
    });
    expect(decideSagaDeadline(compensating(2), at(61), policy)).toEqual({ kind: 'give-up' });
  });

  it.each(['COMPLETED', 'COMPENSATED', 'COMPENSATION_FAILED'] as const)(
    'leaves a %s saga alone',
    (status) => {
      const saga = { ...compensating(5), status } as SagaState;
      expect(decideSagaDeadline(saga, at(3600), policy)).toEqual({ kind: 'none' });
    },
  );
});

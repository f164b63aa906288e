import type { SagaState } from '@saga/orders/src/domain/saga/SagaState';

const IN_FLIGHT = new Set(['STARTED', 'COMPENSATING']);

const age = (from: string, now: Date): string => {
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(from)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  return `${Math.round(seconds / 3600)}h`;
};

/**
 * Sagas as a table, newest first. A saga in flight with no progress for `stuckAfterSeconds`
 * is flagged STUCK; COMPENSATION_FAILED always needs a human.
 */
export const renderSagaList = (sagas: readonly SagaState[], now: Date, stuckAfterSeconds = 120): string => {
  if (sagas.length === 0) return 'no sagas';
  const rows = [...sagas]
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .map((saga) => {
      const idle = (now.getTime() - Date.parse(saga.updatedAt)) / 1000;
      const flag =
        saga.status === 'COMPENSATION_FAILED'
          ? 'NEEDS ATTENTION'
          : IN_FLIGHT.has(saga.status) && idle >= stuckAfterSeconds
            ? 'STUCK'
            : '';
      const reason = 'compensationReason' in saga ? saga.compensationReason : '';
      return [
        saga.orderId,
        saga.status,
        saga.currentStep,
        age(saga.createdAt, now),
        age(saga.updatedAt, now),
        flag,
        reason,
      ];
    });
  const header = ['ORDER', 'STATUS', 'STEP', 'AGE', 'IDLE', 'FLAG', 'COMPENSATION REASON'];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => String(row[i]).length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
};

import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Order } from '../domain/order/Order';
import { buildMetricsSagaObserver } from './buildMetricsSagaObserver';

describe('buildMetricsSagaObserver', () => {
  const ended = (orderId: string, status: 'CONFIRMED' | 'CANCELLED') =>
    ({
      orderId,
      sagaId: `saga-${orderId}`,
      status,
      createdAt: '2030-01-01T00:00:00.000Z',
      confirmedAt: '2030-01-01T00:00:01.000Z',
      cancelledAt: '2030-01-01T00:00:02.000Z',
      reason: 'Payment failed: Insufficient funds',
    }) as unknown as Order;

  it('writes one record per ended saga, naming it, never merged with another saga', () => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const observer = buildMetricsSagaObserver(new Metrics({ namespace: 'Saga', serviceName: 'orders' }));
      observer.ended(ended('o1', 'CONFIRMED'));
      observer.ended(ended('o2', 'CANCELLED'));
      observer.ended(ended('o3', 'CONFIRMED'));
    } finally {
      write.mockRestore();
    }
    const records = lines
      .flatMap((line) => line.split('\n'))
      .filter((line) => line.startsWith('{"_aws"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const of = (orderId: string) => records.filter((record) => record.orderId === orderId);
    expect(of('o1')).toEqual([
      expect.objectContaining({ SagasConfirmed: 1, SagaCompensationRate: 0, SagaDuration: 1000 }),
    ]);
    expect(of('o2')).toEqual([
      expect.objectContaining({ SagasCompensated: 1, SagaCompensationRate: 100, SagaDuration: 2000 }),
    ]);
    // One record instance is reused: nothing of a saga stays in it for the next.
    expect(of('o2')[0]).not.toHaveProperty('SagasConfirmed');
    expect(of('o3')).toEqual([expect.objectContaining({ sagaId: 'saga-o3', SagasConfirmed: 1 })]);
    expect(of('o3')[0]).not.toHaveProperty('SagasCompensated');
  });
});

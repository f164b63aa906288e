import { hopsOf, renderHops, renderOrderHops, summarizeHops, type TracedEvent } from './hopTimings';

const at = (ms: number) => new Date(Date.UTC(2030, 0, 1) + ms).toISOString();

const event = (
  eventId: string,
  eventType: string,
  causationId: string,
  occurredMs: number,
  publishedMs?: number,
  orderId = 'ord-1',
): TracedEvent => ({
  eventId,
  eventType,
  correlationId: orderId,
  causationId,
  occurredAt: at(occurredMs),
  ...(publishedMs === undefined ? {} : { publishedAt: at(publishedMs) }),
});

describe('hopTimings', () => {
  const saga = [
    event('e1', 'order.created', 'req-1', 0, 40),
    event('e2', 'inventory.reserved', 'e1', 100, 130),
    event('e3', 'payment.succeeded', 'e2', 200, 5_200),
    event('e4', 'order.confirmed', 'e3', 5_300, 5_350),
  ];

  it('times each publication and each consumer, the consumer by what its transaction wrote', () => {
    const hops = hopsOf(saga, [
      { what: 'reservation sold', at: at(5_500), causeEventId: 'e4' },
      { what: 'award', at: at(5_450), orderId: 'ord-1', causeType: 'order.confirmed' },
    ]);
    expect(hops.map(({ label, ms }) => `${label} ${ms}`).sort()).toEqual(
      [
        'order.created written → published 40',
        'order.created published → inventory.reserved written 60',
        'inventory.reserved written → published 30',
        'inventory.reserved published → payment.succeeded written 70',
        'payment.succeeded written → published 5000',
        'payment.succeeded published → order.confirmed written 100',
        'order.confirmed written → published 50',
        'order.confirmed published → reservation sold 150',
        'order.confirmed published → award 100',
      ].sort(),
    );
    expect(hops.every((hop) => hop.orderId === 'ord-1')).toBe(true);
  });

  it('leaves out hops whose cause is unpublished or unknown', () => {
    const hops = hopsOf(
      [event('e1', 'order.created', 'req-1', 0), event('e2', 'inventory.reserved', 'e1', 100, 130)],
      [{ what: 'award', at: at(10), orderId: 'ord-9', causeType: 'order.confirmed' }],
    );
    expect(hops.map((hop) => hop.label)).toEqual(['inventory.reserved written → published']);
  });

  it('summarizes per kind of hop, worst first, and names the slowest hops with their order and start', () => {
    const hops = hopsOf([...saga, event('f1', 'order.created', 'req-2', 1_000, 1_020, 'ord-2')], []);
    const summary = summarizeHops(hops);
    expect(summary[0]).toMatchObject({
      label: 'payment.succeeded written → published',
      count: 1,
      max: 5_000,
    });
    expect(summary.find((s) => s.label === 'order.created written → published')).toMatchObject({
      count: 2,
      p50: 20,
      max: 40,
    });
    const report = renderHops(hops, [event('u1', 'order.cancelled', 'x', 7_000)], 2);
    expect(report).toContain('hops: 8 across 2 orders');
    expect(report).toContain(
      `slowest hops:\n  5000 ms  payment.succeeded written → published  order ord-1, from ${at(200)}`,
    );
    expect(report).toContain(
      `unpublished outbox events: 1\n  order.cancelled u1 of order ord-1, written ${at(7_000)}`,
    );
  });

  it("lists one order's hops in the order they started", () => {
    const hops = hopsOf([...saga, event('f1', 'order.created', 'req-2', 1_000, 1_020, 'ord-2')], []);
    expect(renderOrderHops(hops, 'ord-1').split('\n')).toEqual([
      'order ord-1:',
      `  ${at(0)}  40 ms  order.created written → published`,
      `  ${at(40)}  60 ms  order.created published → inventory.reserved written`,
      `  ${at(100)}  30 ms  inventory.reserved written → published`,
      `  ${at(130)}  70 ms  inventory.reserved published → payment.succeeded written`,
      `  ${at(200)}  5000 ms  payment.succeeded written → published`,
      `  ${at(5_200)}  100 ms  payment.succeeded published → order.confirmed written`,
      `  ${at(5_300)}  50 ms  order.confirmed written → published`,
    ]);
    expect(renderOrderHops(hops, 'ord-404')).toBe('order ord-404: no hops recorded');
  });
});

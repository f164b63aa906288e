import { type ChaosSnapshot, checkChaosInvariants } from './checkChaosInvariants';

const healthy = (): ChaosSnapshot => ({
  products: [{ productId: 'p', initial: 5, available: 3, reserved: 0, sold: 2, minAvailableSeen: 1 }],
  orders: [
    {
      orderId: 'o1',
      customerId: 'c',
      status: 'CONFIRMED',
      totalCents: 1050,
      sagaStatus: 'COMPLETED',
      payment: { status: 'SUCCEEDED', amountCents: 1050 },
      reservation: { status: 'COMMITTED' },
      awardPoints: 10,
    },
    {
      orderId: 'o2',
      customerId: 'c',
      status: 'CANCELLED',
      totalCents: 500,
      reason: 'timeout',
      sagaStatus: 'COMPENSATED',
      compensationReason: 'timeout',
      payment: { status: 'REFUNDED', amountCents: 500 },
      reservation: { status: 'RELEASED' },
    },
  ],
  customers: [{ customerId: 'c', initialCents: 10_000, finalCents: 8_950, points: 10, awards: 1 }],
  pendingOutboxEvents: 0,
  deadLetters: [
    { queueUrl: 'q', receiptHandles: ['r'], body: {}, kind: 'parked-invalid-event', summary: 'bad' },
  ],
  poisonInjected: 1,
  forcedDeadLetters: ['o1'],
  retries: { requests: 3, afterTimeout: 1, ordersStored: 2 },
});

describe('checkChaosInvariants', () => {
  it('accepts a consistent snapshot and reports its figures', () => {
    const verdict = checkChaosInvariants(healthy());
    expect(verdict.violations).toEqual([]);
    expect(verdict.figures).toMatchObject({
      orders: 2,
      confirmed: 1,
      cancelled: 1,
      timedOut: 1,
      oversold: 0,
      lost: 0,
    });
  });

  it('flags oversold stock, broken conservation and held stock', () => {
    const snapshot = healthy();
    snapshot.products[0] = {
      productId: 'p',
      initial: 5,
      available: -1,
      reserved: 1,
      sold: 2,
      minAvailableSeen: -1,
    };
    const verdict = checkChaosInvariants(snapshot);
    expect(verdict.figures.oversold).toBe(1);
    expect(verdict.violations.join('\n')).toMatch(/below zero[\s\S]*initial 5[\s\S]*still reserved/);
  });

  it('flags a lost order, a double charge and a missing award', () => {
    const snapshot = healthy();
    snapshot.orders.push({ orderId: 'o3', customerId: 'c', status: 'PENDING', totalCents: 1 });
    snapshot.customers[0] = {
      customerId: 'c',
      initialCents: 10_000,
      finalCents: 7_900,
      points: 10,
      awards: 1,
    };
    const first = snapshot.orders[0];
    if (first) first.awardPoints = undefined;
    const verdict = checkChaosInvariants(snapshot);
    expect(verdict.figures.lost).toBe(1);
    expect(verdict.figures.duplicatesApplied).toBe(1);
    expect(verdict.violations.some((v) => v.includes('o1: confirmed with award none'))).toBe(true);
  });

  it('flags a cancelled order still charged or holding stock, and unexplained dead letters', () => {
    const snapshot = healthy();
    const cancelled = snapshot.orders[1];
    if (cancelled) {
      cancelled.payment = { status: 'SUCCEEDED', amountCents: 500 };
      cancelled.reservation = { status: 'HELD' };
    }
    const verdict = checkChaosInvariants({
      ...snapshot,
      pendingOutboxEvents: 2,
      deadLetters: [{ queueUrl: 'q', receiptHandles: ['r'], body: {}, kind: 'other', summary: '?' }],
    });
    const text = verdict.violations.join('\n');
    expect(text).toContain('o2: cancelled but still holds stock (HELD)');
    expect(text).toContain('o2: cancelled but its charge was not refunded');
    expect(text).toContain('2 outbox events never published');
    expect(text).toContain('1 unexplained dead letters');
  });

  it('counts the two reconciler invariants: a HELD reservation of a terminal order, a confirmed order with no award', () => {
    const snapshot = healthy();
    const [confirmed, cancelled] = snapshot.orders as [
      ChaosSnapshot['orders'][0],
      ChaosSnapshot['orders'][0],
    ];
    const verdict = checkChaosInvariants({
      ...snapshot,
      orders: [
        { ...confirmed, reservation: { status: 'HELD' }, awardPoints: undefined },
        { ...cancelled, reservation: { status: 'HELD' } },
      ],
    });
    expect(verdict.figures).toMatchObject({ heldForTerminal: 2, confirmedUnawarded: 1, reconciled: 0 });
    expect(verdict.violations).toEqual(
      expect.arrayContaining([
        'o1: confirmed but reservation is HELD',
        'o2: cancelled but still holds stock (HELD)',
        '1 dead-lettered confirmations not reconciled',
      ]),
    );
  });

  it('reports the forced dead-lettered confirmation as reconciled once its effects are in line', () => {
    expect(checkChaosInvariants(healthy()).figures).toMatchObject({
      heldForTerminal: 0,
      confirmedUnawarded: 0,
      reconciled: 1,
    });
  });

  it('flags an order stored beyond those accepted as a duplicate from a retry', () => {
    const snapshot = healthy();
    const verdict = checkChaosInvariants({ ...snapshot, retries: { ...snapshot.retries, ordersStored: 3 } });
    expect(verdict.figures.duplicateOrdersFromRetries).toBe(1);
    expect(verdict.violations).toContain('3 orders stored for 2 accepted: retries made duplicates');
    expect(checkChaosInvariants(healthy()).figures).toMatchObject({
      retries: 3,
      retriesAfterTimeout: 1,
      duplicateOrdersFromRetries: 0,
    });
  });
});

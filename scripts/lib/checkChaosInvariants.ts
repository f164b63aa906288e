import type { DeadLetter } from './deadLetters';

export interface ChaosSnapshot {
  readonly products: {
    productId: string;
    initial: number;
    available: number;
    reserved: number;
    sold: number;
    minAvailableSeen: number;
  }[];
  readonly orders: {
    orderId: string;
    customerId: string;
    status: string;
    totalCents: number;
    reason?: string;
    sagaStatus?: string;
    compensationReason?: string;
    payment?: { status: string; amountCents: number };
    reservation?: { status: string };
    awardPoints?: number;
  }[];
  readonly customers: {
    customerId: string;
    initialCents: number;
    finalCents: number;
    points: number;
    awards: number;
  }[];
  readonly pendingOutboxEvents: number;
  readonly deadLetters: readonly DeadLetter[];
  readonly poisonInjected: number;
  /** Orders left as a dead-lettered order.confirmed leaves them: the reconciler must repair them. */
  readonly forcedDeadLetters: readonly string[];
  /** Client retries with the order's Idempotency-Key, and every order the run's customers have in the table. */
  readonly retries: {
    readonly requests: number;
    readonly afterTimeout: number;
    readonly ordersStored: number;
  };
}

export interface ChaosVerdict {
  readonly violations: string[];
  readonly figures: {
    orders: number;
    confirmed: number;
    cancelled: number;
    timedOut: number;
    oversold: number;
    lost: number;
    duplicatesApplied: number;
    pendingOutboxEvents: number;
    deadLetters: Record<DeadLetter['kind'], number>;
    /** Terminal orders whose reservation is still HELD (must be 0). */
    heldForTerminal: number;
    /** Confirmed orders with no award (must be 0). */
    confirmedUnawarded: number;
    /** Forced dead-letter orders the reconciler brought in line. */
    reconciled: number;
    retries: number;
    retriesAfterTimeout: number;
    duplicateOrdersFromRetries: number;
  };
}

const pointsFor = (cents: number) => Math.floor(cents / 100);

/** The chaos suite's invariants, checked on a quiescent system. Pure, so it is unit-tested too. */
export const checkChaosInvariants = (snapshot: ChaosSnapshot): ChaosVerdict => {
  const violations: string[] = [];
  let oversold = 0;
  let duplicatesApplied = 0;

  for (const p of snapshot.products) {
    if (p.available < 0 || p.minAvailableSeen < 0) {
      oversold++;
      violations.push(`${p.productId}: available went below zero (min seen ${p.minAvailableSeen})`);
    }
    if (p.initial !== p.available + p.reserved + p.sold) {
      violations.push(
        `${p.productId}: initial ${p.initial} ≠ available ${p.available} + reserved ${p.reserved} + sold ${p.sold}`,
      );
    }
    if (p.reserved !== 0) violations.push(`${p.productId}: ${p.reserved} still reserved after quiescence`);
  }

  const terminal = new Set(['CONFIRMED', 'CANCELLED']);
  const lost = snapshot.orders.filter((order) => !terminal.has(order.status));
  for (const order of lost) violations.push(`${order.orderId}: not terminal (${order.status})`);

  const confirmedByCustomer = new Map<string, { cents: number; points: number; count: number }>();
  for (const order of snapshot.orders) {
    if (order.status === 'CONFIRMED') {
      if (order.payment?.status !== 'SUCCEEDED' || order.payment.amountCents !== order.totalCents) {
        violations.push(
          `${order.orderId}: confirmed without exactly one successful payment (${JSON.stringify(order.payment)})`,
        );
      }
      if (order.awardPoints !== pointsFor(order.totalCents)) {
        violations.push(
          `${order.orderId}: confirmed with award ${order.awardPoints ?? 'none'}, expected ${pointsFor(order.totalCents)}`,
        );
      }
      if (order.reservation?.status !== 'COMMITTED') {
        violations.push(
          `${order.orderId}: confirmed but reservation is ${order.reservation?.status ?? 'missing'}`,
        );
      }
      if (order.sagaStatus !== 'COMPLETED')
        violations.push(`${order.orderId}: CONFIRMED but saga ${order.sagaStatus}`);
      const sum = confirmedByCustomer.get(order.customerId) ?? { cents: 0, points: 0, count: 0 };
      confirmedByCustomer.set(order.customerId, {
        cents: sum.cents + order.totalCents,
        points: sum.points + pointsFor(order.totalCents),
        count: sum.count + 1,
      });
    }
    if (order.status === 'CANCELLED') {
      if (order.reservation?.status === 'HELD' || order.reservation?.status === 'COMMITTED') {
        violations.push(`${order.orderId}: cancelled but still holds stock (${order.reservation.status})`);
      }
      if (order.payment?.status === 'SUCCEEDED')
        violations.push(`${order.orderId}: cancelled but its charge was not refunded`);
      if (order.awardPoints !== undefined) violations.push(`${order.orderId}: cancelled but awarded points`);
      if (order.sagaStatus !== 'COMPENSATED')
        violations.push(`${order.orderId}: CANCELLED but saga ${order.sagaStatus}`);
      if (order.compensationReason !== order.reason) {
        violations.push(
          `${order.orderId}: saga reason "${order.compensationReason}" ≠ order reason "${order.reason}"`,
        );
      }
    }
  }

  for (const customer of snapshot.customers) {
    const expected = confirmedByCustomer.get(customer.customerId) ?? { cents: 0, points: 0, count: 0 };
    const charged = customer.initialCents - customer.finalCents;
    if (charged !== expected.cents) {
      if (charged > expected.cents) duplicatesApplied++;
      violations.push(
        `${customer.customerId}: charged ${charged} cents, confirmed orders total ${expected.cents}`,
      );
    }
    if (customer.points !== expected.points || customer.awards !== expected.count) {
      if (customer.awards > expected.count) duplicatesApplied++;
      violations.push(
        `${customer.customerId}: ${customer.points} points / ${customer.awards} awards, expected ${expected.points} / ${expected.count}`,
      );
    }
  }

  if (snapshot.pendingOutboxEvents > 0)
    violations.push(`${snapshot.pendingOutboxEvents} outbox events never published`);

  const deadLetters = { 'parked-invalid-event': 0, 'injected-fault': 0, other: 0 };
  for (const letter of snapshot.deadLetters) deadLetters[letter.kind]++;
  if (deadLetters['parked-invalid-event'] !== snapshot.poisonInjected) {
    violations.push(
      `${deadLetters['parked-invalid-event']} parked invalid events, ${snapshot.poisonInjected} injected`,
    );
  }
  if (deadLetters.other > 0) {
    violations.push(
      `${deadLetters.other} unexplained dead letters: ${snapshot.deadLetters
        .filter((l) => l.kind === 'other')
        .map((l) => l.summary)
        .join(' | ')}`,
    );
  }

  // The two reconciler invariants, counted on their own (the per-order checks above name each one).
  const heldForTerminal = snapshot.orders.filter(
    (order) => terminal.has(order.status) && order.reservation?.status === 'HELD',
  ).length;
  const confirmedUnawarded = snapshot.orders.filter(
    (order) => order.status === 'CONFIRMED' && order.awardPoints === undefined,
  ).length;
  const reconciled = snapshot.orders.filter(
    (order) =>
      snapshot.forcedDeadLetters.includes(order.orderId) &&
      order.reservation?.status === 'COMMITTED' &&
      order.awardPoints !== undefined,
  ).length;
  if (reconciled !== snapshot.forcedDeadLetters.length) {
    violations.push(
      `${snapshot.forcedDeadLetters.length - reconciled} dead-lettered confirmations not reconciled`,
    );
  }
  // Every order answered to a client is in `orders`, once per key; any other stored order came from a retry.
  const duplicateOrdersFromRetries = snapshot.retries.ordersStored - snapshot.orders.length;
  if (duplicateOrdersFromRetries !== 0) {
    violations.push(
      `${snapshot.retries.ordersStored} orders stored for ${snapshot.orders.length} accepted: retries made duplicates`,
    );
  }

  const confirmed = snapshot.orders.filter((order) => order.status === 'CONFIRMED').length;
  const cancelled = snapshot.orders.filter((order) => order.status === 'CANCELLED').length;
  return {
    violations,
    figures: {
      orders: snapshot.orders.length,
      confirmed,
      cancelled,
      timedOut: snapshot.orders.filter((order) => order.reason === 'timeout').length,
      oversold,
      lost: lost.length,
      duplicatesApplied,
      pendingOutboxEvents: snapshot.pendingOutboxEvents,
      deadLetters,
      heldForTerminal,
      confirmedUnawarded,
      reconciled,
      retries: snapshot.retries.requests,
      retriesAfterTimeout: snapshot.retries.afterTimeout,
      duplicateOrdersFromRetries,
    },
  };
};

import {
  type Clock,
  createEnvelope,
  decideCharge,
  type EventEnvelope,
  type IdempotencyRepository,
  type IdGenerator,
  type Payment,
  type ProcessOutcome,
  processOnce,
} from '@saga/shared';
import type { PaymentStore } from '../ports/PaymentStore';

export interface ChargeOrderDependencies {
  readonly store: PaymentStore;
  readonly idempotency: IdempotencyRepository;
  readonly clock: Clock;
  readonly newId: IdGenerator;
}

/** Stock is held: charge the customer's account once, and tell the saga how it went. */
export const chargeOrder =
  ({ store, idempotency, clock, newId }: ChargeOrderDependencies) =>
  (reserved: EventEnvelope<'inventory.reserved'>): Promise<ProcessOutcome> =>
    processOnce(idempotency, reserved.eventId, async () => {
      const { orderId, customerId, totalCents: amountCents, currency } = reserved.data;
      const processed = {
        eventId: reserved.eventId,
        eventType: reserved.eventType,
        aggregateId: orderId,
        processedAt: clock(),
      };
      if (await store.getPayment(orderId)) {
        await store.acknowledge(processed);
        return;
      }
      const decision = decideCharge(await store.getAccount(customerId), amountCents);
      const base = {
        orderId,
        paymentId: `pay-${newId()}`,
        customerId,
        amountCents,
        currency,
        createdAt: clock().toISOString(),
      };
      const link = { correlationId: orderId, causationId: reserved.eventId };
      const context = { clock, newId };
      if (decision.kind === 'charge') {
        const payment: Payment = { ...base, status: 'SUCCEEDED' };
        const event = createEnvelope(
          context,
          'payment.succeeded',
          { orderId, customerId, paymentId: payment.paymentId, amountCents, currency },
          link,
        );
        await store.record({ payment, events: [event], processed });
      } else {
        const payment: Payment = { ...base, status: 'FAILED', reason: decision.reason };
        const event = createEnvelope(
          context,
          'payment.failed',
          { orderId, customerId, amountCents, reason: decision.reason },
          link,
        );
        await store.record({ payment, events: [event], processed });
      }
    });

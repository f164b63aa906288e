import {
  type AnyEventEnvelope,
  type Clock,
  createEnvelope,
  type IdempotencyRepository,
  type IdGenerator,
  type ProcessOutcome,
  processOnce,
} from '@saga/shared';
import { decidePayment, type PaymentAction } from '../domain/decidePayment';
import type { Payment } from '../domain/Payment';
import type { PaymentCommand } from '../domain/PaymentCommand';
import type { PaymentStore } from '../ports/PaymentStore';

export interface HandlePaymentCommandDependencies {
  readonly store: PaymentStore;
  readonly idempotency: IdempotencyRepository;
  readonly clock: Clock;
  readonly newId: IdGenerator;
}

type Context = { clock: Clock; newId: IdGenerator };

/** The payment record and reply an action produces. */
const outcomeOf = (
  context: Context,
  command: PaymentCommand,
  action: PaymentAction,
): { payment?: Payment; events: AnyEventEnvelope[] } => {
  const orderId = command.data.orderId;
  const link = { correlationId: orderId, causationId: command.eventId };
  const now = context.clock().toISOString();
  switch (action.kind) {
    case 'charge':
    case 'decline': {
      if (command.eventType !== 'inventory.reserved') return { events: [] };
      const { customerId, totalCents: amountCents, currency } = command.data;
      const base = {
        orderId,
        paymentId: `pay-${context.newId()}`,
        customerId,
        amountCents,
        currency,
        createdAt: now,
      };
      if (action.kind === 'charge') {
        const payment: Payment = { ...base, status: 'SUCCEEDED' };
        const data = { orderId, customerId, paymentId: payment.paymentId, amountCents, currency };
        return { payment, events: [createEnvelope(context, 'payment.succeeded', data, link)] };
      }
      const payment: Payment = { ...base, status: 'FAILED', reason: action.reason };
      const data = { orderId, customerId, amountCents, reason: action.reason };
      return { payment, events: [createEnvelope(context, 'payment.failed', data, link)] };
    }
    case 'void': {
      const payment: Payment = {
        orderId,
        paymentId: `void-${context.newId()}`,
        customerId: '-',
        amountCents: 0,
        currency: 'USD',
        status: 'VOIDED',
        createdAt: now,
      };
      return {
        payment,
        events: [createEnvelope(context, 'payment.voided', { orderId, refundedCents: 0 }, link)],
      };
    }
    case 'refund': {
      const data = { orderId, refundedCents: action.payment.amountCents };
      return { events: [createEnvelope(context, 'payment.voided', data, link)] };
    }
    case 'confirm-voided':
      return {
        events: [
          createEnvelope(context, 'payment.voided', { orderId, refundedCents: action.refundedCents }, link),
        ],
      };
    case 'ignore':
      return { events: [] };
    default: {
      const unhandled: never = action;
      throw new TypeError(`Unhandled payment action ${JSON.stringify(unhandled)}`);
    }
  }
};

/**
 * inventory.reserved → charge the customer's account once (or decline);
 * inventory.released → refund a charge, or void the order so no charge can follow (compensation).
 */
export const handlePaymentCommand =
  ({ store, idempotency, clock, newId }: HandlePaymentCommandDependencies) =>
  (command: PaymentCommand): Promise<ProcessOutcome> =>
    processOnce(idempotency, command.eventId, async () => {
      const orderId = command.data.orderId;
      const payment = await store.getPayment(orderId);
      const account =
        command.eventType === 'inventory.reserved' && !payment
          ? await store.getAccount(command.data.customerId)
          : undefined;
      const action = decidePayment(command, payment, account);
      await store.commit({
        orderId,
        action,
        ...outcomeOf({ clock, newId }, command, action),
        processed: {
          eventId: command.eventId,
          eventType: command.eventType,
          aggregateId: orderId,
          processedAt: clock(),
        },
      });
    });

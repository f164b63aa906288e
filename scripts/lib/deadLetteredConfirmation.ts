import { type DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import { statusKeyOf } from '@saga/orders/src/adapters/buildSagaStateRepository';
import { awaitingVerificationAttributes } from '@saga/orders/src/adapters/buildSagaVerification';
import { createEnvelope, toOutboxItem } from '@saga/shared';
import type { Deployment } from './loadDeployment';

// shared/infra/timings.js: what the reconciler on this stage waits (relay publisher).
const timings = require('../../shared/infra/timings.js') as {
  timingsFor: (
    stage: string,
    publisher: string,
  ) => { reconcileGraceSeconds: number; reconcilePeriodSeconds: number; scheduledJobTimeoutSeconds: number };
};
export const reconcilerTimings = (stage: string) => timings.timingsFor(stage, 'relay');

export interface DeadLetteredConfirmation {
  readonly orderId: string;
  readonly sagaId: string;
  readonly eventId: string;
  readonly totalCents: number;
}

/**
 * Leaves one saga exactly as a dead-lettered `order.confirmed` for inventory leaves it: stock
 * reserved and the reservation HELD, the charge taken, the order CONFIRMED and its saga COMPLETED
 * (ended one reconciler grace ago), the event published from the orders outbox, and inventory's copy
 * in inventory's DLQ, as SQS redrive puts it there after maxReceiveCount. Rewards has not awarded it
 * either. Only the reconciler can bring it in line. Stock and balance are adjusted, not overwritten,
 * so it can share a product and a customer with running orders.
 */
export const leaveDeadLetteredConfirmation = async (
  { dynamo, sqs, deployment }: { dynamo: DynamoDBClient; sqs: SQSClient; deployment: Deployment },
  {
    orderId,
    productId,
    quantity,
    unitPriceCents,
    customerId,
  }: {
    orderId: string;
    productId: string;
    quantity: number;
    unitPriceCents: number;
    customerId: string;
  },
): Promise<DeadLetteredConfirmation> => {
  const { tables } = deployment;
  const sagaId = `saga-${orderId}`;
  const totalCents = quantity * unitPriceCents;
  const endedAt = new Date(
    Date.now() - (reconcilerTimings(deployment.stage).reconcileGraceSeconds + 5) * 1000,
  ).toISOString();
  const confirmed = createEnvelope(
    { clock: () => new Date(endedAt), newId: () => `${orderId}-confirmed` },
    'order.confirmed',
    { orderId, customerId, totalCents, currency: 'USD' },
    { correlationId: orderId, causationId: `${orderId}-payment` },
  );
  const put = (TableName: string, item: Record<string, unknown>) =>
    dynamo.send(new PutItemCommand({ TableName, Item: marshall(item) }));
  const add = (TableName: string, key: Record<string, string>, deltas: Record<string, number>) =>
    dynamo.send(
      new UpdateItemCommand({
        TableName,
        Key: marshall(key),
        UpdateExpression: `ADD ${Object.keys(deltas)
          .map((_name, i) => `#n${i} :v${i}`)
          .join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(Object.keys(deltas).map((name, i) => [`#n${i}`, name])),
        ExpressionAttributeValues: marshall(
          Object.fromEntries(Object.values(deltas).map((value, i) => [`:v${i}`, value])),
        ),
      }),
    );

  // Inventory reserved; payments charged.
  await add(tables.stock, { productId }, { available: -quantity, reserved: quantity });
  await put(tables.reservations, {
    orderId,
    status: 'HELD',
    lines: [{ productId, quantity }],
    updatedAt: endedAt,
  });
  await add(tables.accounts, { customerId }, { balanceCents: -totalCents });
  await put(tables.payments, {
    orderId,
    paymentId: `pay-${orderId}`,
    customerId,
    amountCents: totalCents,
    currency: 'USD',
    status: 'SUCCEEDED',
    createdAt: endedAt,
  });
  // Orders confirmed, as its store writes a terminal order (awaiting verification) ...
  await put(tables.orders, {
    orderId,
    sagaId,
    customerId,
    lines: [{ productId, quantity, unitPriceCents }],
    totalCents,
    currency: 'USD',
    status: 'CONFIRMED',
    createdAt: endedAt,
    updatedAt: endedAt,
    confirmedAt: endedAt,
    version: 3,
    ...awaitingVerificationAttributes(orderId, endedAt, confirmed.eventId),
  });
  const step = { status: 'SUCCESS', timestamp: endedAt };
  await put(tables.sagaStates, {
    sagaId,
    orderId,
    status: 'COMPLETED',
    statusKey: statusKeyOf('COMPLETED', sagaId),
    currentStep: 'CONFIRMED',
    steps: { created: step, inventoryReservation: step, paymentProcessing: step, confirmation: step },
    compensationRequired: false,
    createdAt: endedAt,
    updatedAt: endedAt,
    version: 4,
  });
  // ... and published it long ago (not pending: the sweeper leaves it alone) ...
  const { pendingPartition: _pending, ...published } = toOutboxItem(confirmed);
  await dynamo.send(
    new PutItemCommand({
      TableName: tables.ordersOutbox,
      Item: { ...published, status: { S: 'PUBLISHED' } },
    }),
  );
  // ... but inventory's copy ran out of deliveries.
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: deployment.deadLetterQueues.inventory,
      MessageBody: JSON.stringify({
        'detail-type': confirmed.eventType,
        source: confirmed.source,
        detail: confirmed,
      }),
    }),
  );
  return { orderId, sagaId, eventId: confirmed.eventId, totalCents };
};

import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import { awsClientConfig } from '../scripts/lib/awsClientConfig';
import { deleteDeadLetters, readDeadLetters } from '../scripts/lib/deadLetters';
import { toOutboxItem } from '../shared/src/outbox/outboxItem';
import { buildTestEnvelope } from '../shared/src/testing/buildTestEnvelope';
import { closeLogsClient, linesLogged } from './support/consumerLogs';
import { createFixtures, eventually, type Fixtures } from './support/fixtures';

// shared/infra/timings.js: the values deployed on this stage (relay publisher).
const timings = require('../shared/infra/timings.js') as {
  timingsFor: (
    stage: string,
    publisher: string,
  ) => { reconcileGraceSeconds: number; reconcilePeriodSeconds: number };
};

/**
 * A valid order.confirmed that inventory never applied (it sits in inventory's DLQ): the saga is
 * COMPLETED while its stock is still HELD. The reconciler must notice and repair it through the
 * normal event path within one period, and say so in its metrics.
 */
describe('reconciler', () => {
  let fx: Fixtures;
  const sqs = new SQSClient(awsClientConfig);
  beforeAll(async () => {
    fx = await createFixtures();
  });
  afterAll(async () => {
    await fx.cleanup();
    sqs.destroy();
    closeLogsClient();
  });

  it('commits a reservation left HELD by a dead-lettered order.confirmed, and awards the points, within one period', async () => {
    const { reconcileGraceSeconds, reconcilePeriodSeconds } = timings.timingsFor(
      fx.deployment.stage,
      'relay',
    );
    const { tables } = fx.deployment;
    const productId = await fx.seedProduct({ unitPriceCents: 1250, stock: 5 });
    const customerId = await fx.seedAccount(10_000);
    const orderId = fx.unique('it-reconcile');
    const sagaId = `saga-${orderId}`;
    fx.trackOrder(orderId, sagaId);
    const confirmed = buildTestEnvelope(
      'order.confirmed',
      { orderId, customerId, totalCents: 2500, currency: 'USD' },
      { eventId: `${orderId}-confirmed`, correlationId: orderId, occurredAt: new Date().toISOString() },
    );
    // The order ended long enough ago for its effects to be due for verification.
    const endedAt = new Date(Date.now() - (reconcileGraceSeconds + 5) * 1000).toISOString();

    // Where the saga stands after inventory reserved, payments charged and orders confirmed ...
    const put = (table: string, item: Record<string, unknown>) =>
      fx.dynamo.send(new PutItemCommand({ TableName: table, Item: marshall(item) }));
    await put(tables.stock, { productId, available: 3, reserved: 2, sold: 0 });
    await put(tables.reservations, {
      orderId,
      status: 'HELD',
      lines: [{ productId, quantity: 2 }],
      updatedAt: endedAt,
    });
    await put(tables.orders, {
      orderId,
      sagaId,
      customerId,
      lines: [{ productId, quantity: 2, unitPriceCents: 1250 }],
      totalCents: 2500,
      currency: 'USD',
      status: 'CONFIRMED',
      createdAt: endedAt,
      updatedAt: endedAt,
      confirmedAt: endedAt,
      version: 3,
      // What the orders store writes with a terminal order (buildOrderStore → VerificationIndex).
      awaitingVerification: 'AWAITING',
      verifySince: endedAt,
      terminalEventId: confirmed.eventId,
      reconcileAttempts: 0,
    });
    // ... its order.confirmed published long ago (not pending: the sweeper will not touch it) ...
    const { pendingPartition: _pending, ...published } = toOutboxItem(confirmed);
    await fx.dynamo.send(
      new PutItemCommand({
        TableName: tables.ordersOutbox,
        Item: { ...published, status: { S: 'PUBLISHED' } },
      }),
    );
    // ... and inventory's copy dead-lettered, as SQS redrive leaves it after maxReceiveCount.
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: fx.deployment.deadLetterQueues.inventory,
        MessageBody: JSON.stringify({
          'detail-type': confirmed.eventType,
          source: confirmed.source,
          detail: confirmed,
        }),
      }),
    );

    const started = Date.now();
    const reservation = await eventually(
      () => fx.reservation(orderId),
      (row) => row?.status === 'COMMITTED',
      // One period, plus the delivery of the republished event on a busy emulator.
      { timeoutMs: (reconcilePeriodSeconds + 60) * 1000, intervalMs: 1000 },
    );
    expect(reservation).toMatchObject({ status: 'COMMITTED' });
    expect(Date.now() - started).toBeLessThan((reconcilePeriodSeconds + 60) * 1000);
    expect(await fx.stock(productId)).toMatchObject({ available: 3, reserved: 0, sold: 2 });
    expect(
      await eventually(
        () => fx.award(orderId),
        (row) => row !== undefined,
      ),
    ).toMatchObject({ orderId });

    // The repair is visible: the reconciler's log names the order, its EMF line counts the repair.
    const lines = await eventually(
      () => linesLogged('saga-orders-local-reconcileSagas'.replace('local', fx.deployment.stage)),
      (found) =>
        found.some(
          (line) => line.message === 'Terminal sagas repaired' && JSON.stringify(line).includes(orderId),
        ),
      { timeoutMs: 30_000, intervalMs: 2000 },
    );
    const emf = lines.filter((line) => typeof line.RepairedReservationHeldForConfirmed === 'number');
    expect(emf.length).toBeGreaterThan(0);
    expect(emf.some((line) => Number(line.SagaEffectsRepaired) >= 1)).toBe(true);

    // The order left the verification index once its effects matched (one more period).
    await eventually(
      async () => (await fx.orderItem(orderId))?.awaitingVerification,
      (awaiting) => awaiting === undefined,
      { timeoutMs: (reconcileGraceSeconds + reconcilePeriodSeconds + 60) * 1000, intervalMs: 2000 },
    );

    const letters = (await readDeadLetters([fx.deployment.deadLetterQueues.inventory])).filter((l) =>
      JSON.stringify(l.body).includes(confirmed.eventId),
    );
    await deleteDeadLetters(letters);
  }, 600_000);
});

import { SQSClient } from '@aws-sdk/client-sqs';
import { awsClientConfig } from '../scripts/lib/awsClientConfig';
import { leaveDeadLetteredConfirmation } from '../scripts/lib/deadLetteredConfirmation';
import { deleteDeadLetters, readDeadLetters } from '../scripts/lib/deadLetters';
import { closeLogsClient, linesLogged } from './support/consumerLogs';
import { createFixtures, eventually, type Fixtures } from './support/fixtures';
import { effectMs, reconciledMs, reverifiedMs, scheduledRunLoggedMs, testTimeout } from './support/waits';

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
  // Suites side by side read the same DLQ, each read hiding what it saw for a few seconds.
  const waits = {
    repaired: reconciledMs,
    award: effectMs,
    // The repair shows in the log only once the run that made it has ended.
    logged: scheduledRunLoggedMs,
    verified: reverifiedMs,
    letter: 60_000,
  };
  afterAll(async () => {
    await fx.cleanup();
    sqs.destroy();
    closeLogsClient();
  });

  it(
    'commits a reservation left HELD by a dead-lettered order.confirmed, and awards the points, by the next reconciler run',
    async () => {
      const productId = await fx.seedProduct({ unitPriceCents: 1250, stock: 5 });
      const customerId = await fx.seedAccount(10_000);
      const orderId = fx.unique('it-reconcile');
      fx.trackOrder(orderId, `saga-${orderId}`);

      const dead = await leaveDeadLetteredConfirmation(
        { dynamo: fx.dynamo, sqs, deployment: fx.deployment },
        { orderId, productId, quantity: 2, unitPriceCents: 1250, customerId },
      );
      expect(await fx.reservation(orderId)).toMatchObject({ status: 'HELD' });
      expect(await fx.stock(productId)).toMatchObject({ available: 3, reserved: 2, sold: 0 });

      // Already due (it ended one grace ago): the next run repairs it, and the event makes its hop.
      await eventually(
        () => fx.reservation(orderId),
        (row) => row?.status === 'COMMITTED',
        { timeoutMs: waits.repaired, intervalMs: 1000 },
      );
      expect(await fx.stock(productId)).toMatchObject({ available: 3, reserved: 0, sold: 2 });
      expect(
        await eventually(
          () => fx.award(orderId),
          (row) => row !== undefined,
          { timeoutMs: waits.award },
        ),
      ).toMatchObject({ orderId, points: 25 });

      // The repair is visible: the reconciler's log names the order, its EMF line counts the repair.
      const lines = await eventually(
        () => linesLogged(`saga-orders-${fx.deployment.stage}-reconcileSagas`),
        (found) =>
          found.some(
            (line) => line.message === 'Terminal sagas repaired' && JSON.stringify(line).includes(orderId),
          ),
        { timeoutMs: waits.logged, intervalMs: 2000 },
      );
      const emf = lines.filter((line) => typeof line.RepairedReservationHeldForConfirmed === 'number');
      expect(emf.some((line) => Number(line.SagaEffectsRepaired) >= 1)).toBe(true);

      // The order leaves the verification index once its effects match (checked one grace later).
      await eventually(
        async () => (await fx.orderItem(orderId))?.awaitingVerification,
        (awaiting) => awaiting === undefined,
        { timeoutMs: waits.verified, intervalMs: 2000 },
      );

      // Look again until this letter shows (another suite's read may hide it for a few seconds).
      const letters = await eventually(
        async () =>
          (await readDeadLetters([fx.deployment.deadLetterQueues.inventory])).filter((l) =>
            JSON.stringify(l.body).includes(dead.eventId),
          ),
        (found) => found.length > 0,
        { timeoutMs: waits.letter, intervalMs: 2000 },
      );
      expect(letters).toHaveLength(1);
      await deleteDeadLetters(letters);
    },
    testTimeout(waits),
  );
});

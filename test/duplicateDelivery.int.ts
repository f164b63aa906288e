import { marshall } from '@aws-sdk/util-dynamodb';
import { fromOutboxItem } from '@saga/shared';
import { closeLogsClient, outcomesLogged } from './support/consumerLogs';
import { createFixtures, eventually, type Fixtures } from './support/fixtures';

describe('at-least-once delivery', () => {
  let fx: Fixtures;
  beforeAll(async () => {
    fx = await createFixtures();
  });
  afterAll(async () => {
    closeLogsClient();
    await fx.cleanup();
  });

  it('the same envelopes put on the bus twice more change nothing: stock reduced once, one payment, one award', async () => {
    const productId = await fx.seedProduct({ unitPriceCents: 2000, stock: 10 });
    const customerId = await fx.seedAccount(50_000);
    const created = await fx.api.placeOrder({ customerId, items: [{ productId, quantity: 2 }] });
    expect(created.status).toBe(201);
    const orderId = String(created.body.orderId);
    const sagaId = String(created.body.sagaId);
    fx.trackOrder(orderId, sagaId);
    expect((await fx.api.waitForTerminal(orderId)).status).toBe('CONFIRMED');
    await eventually(
      () => fx.award(orderId),
      (row) => row !== undefined,
    );
    await eventually(
      () => fx.reservation(orderId),
      (row) => row?.status === 'COMMITTED',
    );

    const before = {
      stock: await fx.stock(productId),
      account: await fx.account(customerId),
      points: await fx.points(customerId),
      saga: await fx.sagaItem(sagaId),
    };
    expect(before.stock).toMatchObject({ available: 8, reserved: 0, sold: 2 });

    // Redeliver every event of this saga, twice, exactly as the relay published it.
    const outbox = await eventually(
      () => fx.sagaOutboxItems(orderId),
      (items) => items.length === 4 && items.every((item) => item.status === 'PUBLISHED'),
    );
    const envelopes = outbox.map((item) => fromOutboxItem(marshall(item)));
    await fx.putOnBus([...envelopes, ...envelopes]);

    // Each consumer must have received both copies and logged them as duplicates, and applied the
    // event at most once: a first delivery whose invocation was lost after its commit (a function
    // restarted by another suite's fault switch) is redelivered and logged as a duplicate too.
    const stage = fx.deployment.stage;
    const byType = (type: string) => envelopes.find((envelope) => envelope.eventType === type);
    const consumers = [
      [`saga-inventory-${stage}-onOrderEvent`, byType('order.created')],
      [`saga-payments-${stage}-onInventoryEvent`, byType('inventory.reserved')],
      [`saga-orders-${stage}-onSagaReply`, byType('payment.succeeded')],
      [`saga-rewards-${stage}-onOrderConfirmed`, byType('order.confirmed')],
    ] as const;
    for (const [functionName, envelope] of consumers) {
      if (!envelope) throw new Error(`no outbox event for ${functionName}`);
      const outcomes = await eventually(
        () => outcomesLogged(functionName, envelope.eventId),
        (logged) => logged.filter((outcome) => outcome === 'duplicate').length >= 2,
      );
      expect(outcomes.filter((outcome) => outcome === 'applied').length).toBeLessThanOrEqual(1);
    }

    expect(await fx.stock(productId)).toEqual(before.stock);
    expect(await fx.account(customerId)).toEqual(before.account);
    expect(await fx.points(customerId)).toEqual(before.points);
    expect(await fx.points(customerId)).toMatchObject({ points: 40, awards: 1 });
    expect(await fx.sagaItem(sagaId)).toEqual(before.saga);
    expect((await fx.api.getOrder(orderId)).body.status).toBe('CONFIRMED');
  });
});

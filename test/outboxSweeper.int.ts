import {
  LambdaClient,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { awsClientConfig } from '../scripts/lib/awsClientConfig';
import { createFixtures, eventually, type Fixtures } from './support/fixtures';

/**
 * The seed's "Lambda crashes after save" scenario: the real-time relay never runs for an event,
 * and the scheduled sweeper still publishes it, so the saga completes.
 */
describe('outbox sweeper safety net', () => {
  let fx: Fixtures;
  const lambda = new LambdaClient(awsClientConfig);
  let relayMapping: string | undefined;

  const setRelay = async (enabled: boolean) => {
    if (!relayMapping) throw new Error('relay event source mapping not found');
    await lambda.send(new UpdateEventSourceMappingCommand({ UUID: relayMapping, Enabled: enabled }));
  };

  beforeAll(async () => {
    fx = await createFixtures();
    const { EventSourceMappings = [] } = await lambda.send(
      new ListEventSourceMappingsCommand({ FunctionName: `saga-orders-${fx.deployment.stage}-relayOutbox` }),
    );
    relayMapping = EventSourceMappings[0]?.UUID;
  });
  afterAll(async () => {
    if (relayMapping) await setRelay(true);
    lambda.destroy();
    await fx.cleanup();
  });

  it('publishes an event the relay never saw, and the saga completes', async () => {
    const productId = await fx.seedProduct({ unitPriceCents: 700, stock: 5 });
    const customerId = await fx.seedAccount(10_000);
    await setRelay(false);

    const created = await fx.api.placeOrder({ customerId, items: [{ productId, quantity: 1 }] });
    expect(created.status).toBe(201);
    const orderId = String(created.body.orderId);
    fx.trackOrder(orderId, String(created.body.sagaId));

    // With the relay off the event sits unpublished in the outbox and nothing moves.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const [pending] = await fx.sagaOutboxItems(orderId);
    expect(pending).toMatchObject({ eventType: 'order.created', status: 'PENDING' });
    expect((await fx.api.getOrder(orderId)).body.status).toBe('PENDING');

    // The sweeper (rate(1 minute), grace period on the local stage 20 s) picks it up.
    const order = await fx.api.waitForTerminal(orderId, 150_000, 1000);
    expect(order.status).toBe('CONFIRMED');
    const published = await fx.outboxItem(String(pending?.eventId));
    expect(published).toMatchObject({ status: 'PUBLISHED' });
    expect(published?.pendingPartition).toBeUndefined();
    // order.confirmed also sits in the orders outbox with the relay off: the next sweep publishes it.
    const stock = await eventually(
      () => fx.stock(productId),
      (row) => row?.sold === 1,
      { timeoutMs: 150_000 },
    );
    expect(stock).toMatchObject({ available: 4, reserved: 0, sold: 1 });
    await eventually(
      () => fx.award(orderId),
      (row) => row !== undefined,
      { timeoutMs: 30_000 },
    );
  });
});

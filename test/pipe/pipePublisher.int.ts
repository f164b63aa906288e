import { randomUUID } from 'node:crypto';
import { CloudFormationClient, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DescribePipeCommand, PipesClient } from '@aws-sdk/client-pipes';
import { type AnyEventEnvelope, pendingPartitionOf, toOutboxItem } from '@saga/shared';
import { awsClientConfig } from '../../scripts/lib/awsClientConfig';
import { readInfraFragment } from '../../shared/src/testing/readInfraFragment';
import { createFixtures, eventually, type Fixtures } from '../support/fixtures';
import { effectMs, sweptAfterMs } from '../support/waits';

/**
 * The stacks deployed with `publisher: pipe` (make test redeploys the outbox services so). No
 * emulator here delivers a pipe to a bus, so what runs for real is everything around the pipe: its
 * deployment, publication confirmed from the bus, and the sweeper's net after the pipe's maximum
 * record age. The pipe's filter and template themselves are proven by the DynamoDB Local contract test.
 */
describe('publisher: pipe', () => {
  let fx: Fixtures;
  const pipes = new PipesClient(awsClientConfig);
  const lambda = new LambdaClient(awsClientConfig);
  const cloudFormation = new CloudFormationClient(awsClientConfig);
  const declared = readInfraFragment<{
    Resources: {
      OutboxPipe: {
        Properties: { TargetParameters: unknown; SourceParameters: { FilterCriteria: unknown } };
      };
    };
  }>('outbox-publisher-pipe.yml').Resources.OutboxPipe.Properties;

  beforeAll(async () => {
    fx = await createFixtures();
  });
  afterAll(async () => {
    pipes.destroy();
    lambda.destroy();
    cloudFormation.destroy();
    await fx.cleanup();
  });

  /** An order.confirmed event written straight into the orders outbox, as a committed use case would. */
  const writePending = async (occurredAt: Date) => {
    const customerId = await fx.seedAccount(0);
    const orderId = `ord-${randomUUID()}`;
    fx.trackOrder(orderId, `saga-${orderId}`);
    const envelope: AnyEventEnvelope = {
      eventId: randomUUID(),
      eventType: 'order.confirmed',
      source: 'saga.orders',
      occurredAt: occurredAt.toISOString(),
      correlationId: orderId,
      causationId: `pipe-test-${orderId}`,
      schemaVersion: 1,
      data: { orderId, customerId, totalCents: 1200, currency: 'USD' },
    };
    await fx.dynamo.send(
      new PutItemCommand({ TableName: fx.deployment.tables.ordersOutbox, Item: toOutboxItem(envelope) }),
    );
    return { envelope, orderId, customerId };
  };

  it.each([
    ['orders', 'ordersOutbox'],
    ['inventory', 'inventoryOutbox'],
    ['payments', 'paymentsOutbox'],
  ] as const)(
    '%s: a pipe from the outbox stream to the bus replaces the relay Lambda',
    async (service, table) => {
      const stage = fx.deployment.stage;
      const pipe = await pipes.send(new DescribePipeCommand({ Name: `saga-${service}-${stage}-outbox` }));
      const { Table } = await fx.dynamo.send(
        new DescribeTableCommand({ TableName: fx.deployment.tables[table] }),
      );
      expect(pipe.Source).toBe(Table?.LatestStreamArn);
      expect(pipe.Target).toMatch(new RegExp(`:event-bus/${fx.deployment.eventBusName}$`));
      expect(pipe.DesiredState).toBe('RUNNING');
      // The stack carries the filter and template exactly as declared (the emulator does not echo them).
      const { TemplateBody = '{}' } = await cloudFormation.send(
        new GetTemplateCommand({ StackName: `saga-${service}-${stage}` }),
      );
      const deployed = JSON.parse(TemplateBody).Resources.OutboxPipe.Properties;
      expect(deployed.TargetParameters).toEqual(declared.TargetParameters);
      expect(deployed.SourceParameters.FilterCriteria).toEqual(declared.SourceParameters.FilterCriteria);
      await expect(
        lambda.send(new GetFunctionCommand({ FunctionName: `saga-${service}-${stage}-relayOutbox` })),
      ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    },
  );

  it('marks an event published as soon as it is seen on the bus, well before the sweeper would', async () => {
    const { envelope } = await writePending(new Date());
    // What the pipe does on AWS: the event, as the relay would publish it, arrives on the bus.
    await fx.putOnBus([envelope]);

    const item = await eventually(
      () => fx.outboxItem(envelope.eventId),
      (row) => row?.status === 'PUBLISHED',
      { timeoutMs: effectMs, intervalMs: 500 },
    );
    expect(item?.pendingPartition).toBeUndefined();
    // Confirmed from the bus: the sweeper only takes items pending for over 90 s.
    const confirmedAfter = Date.parse(String(item?.publishedAt)) - Date.parse(envelope.occurredAt);
    expect(confirmedAfter).toBeLessThan(60_000);
  });

  it('confirms nothing from a copy consumers would reject: the item stays pending for the sweeper', async () => {
    const garbled = await writePending(new Date());
    const valid = await writePending(new Date());
    // What a template that went wrong would put on the bus: data as a JSON string.
    await fx.putOnBus([{ ...garbled.envelope, data: JSON.stringify(garbled.envelope.data) } as never]);
    await fx.putOnBus([valid.envelope]);

    await eventually(
      () => fx.outboxItem(valid.envelope.eventId),
      (row) => row?.status === 'PUBLISHED',
      { timeoutMs: effectMs, intervalMs: 500 },
    );
    // Both copies went through the same queue; give the garbled one a moment more all the same.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await fx.outboxItem(garbled.envelope.eventId)).toMatchObject({
      status: 'PENDING',
      pendingPartition: pendingPartitionOf(garbled.envelope.eventId),
    });
  });

  it('publishes, once, an event still pending after the pipe would have given up on it', async () => {
    // Written as if 80 s ago: past the pipe's 60 s maximum record age, and soon past the sweep grace.
    const ageMs = 80_000;
    const { envelope, orderId, customerId } = await writePending(new Date(Date.now() - ageMs));

    const item = await eventually(
      () => fx.outboxItem(envelope.eventId),
      (row) => row?.status === 'PUBLISHED',
      { timeoutMs: sweptAfterMs('pipe', ageMs), intervalMs: 1000 },
    );
    expect(item?.pendingPartition).toBeUndefined();
    // It reached its consumer: rewards awarded the points, once.
    const award = await eventually(
      () => fx.award(orderId),
      (row) => row !== undefined,
      { timeoutMs: effectMs, intervalMs: 500 },
    );
    expect(award).toMatchObject({ customerId });
    expect(await fx.points(customerId)).toMatchObject({ awards: 1 });
  });
});

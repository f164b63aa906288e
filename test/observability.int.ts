import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { awsClientConfig } from '../scripts/lib/awsClientConfig';
import { createFixtures, eventually, type Fixtures } from './support/fixtures';

/** Metrics leave the functions as CloudWatch embedded-metric-format lines; the alarms watch them. */
describe('observability', () => {
  let fx: Fixtures;
  const logs = new CloudWatchLogsClient(awsClientConfig);
  const cloudwatch = new CloudWatchClient(awsClientConfig);
  beforeAll(async () => {
    fx = await createFixtures();
  });
  afterAll(async () => {
    logs.destroy();
    cloudwatch.destroy();
    await fx.cleanup();
  });

  /** Every EMF record of a function that names the order (suites share the log groups). */
  const emfRecordsOf = async (functionName: string, orderId: string) => {
    const records: Record<string, unknown>[] = [];
    let nextToken: string | undefined;
    do {
      const page = await logs.send(
        new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${functionName}`, nextToken }),
      );
      for (const event of page.events ?? [])
        for (const line of (event.message ?? '').split(/[\t\n]/))
          if (line.startsWith('{"_aws"') && line.includes(orderId)) {
            const record = JSON.parse(line) as Record<string, unknown>;
            if (record.orderId === orderId) records.push(record);
          }
      nextToken = page.nextToken;
    } while (nextToken);
    return records;
  };

  it('a confirmed saga emits SagasStarted, SagasConfirmed, SagaDuration and the compensation rate', async () => {
    const productId = await fx.seedProduct({ unitPriceCents: 100, stock: 2 });
    const customerId = await fx.seedAccount(10_000);
    const created = await fx.api.placeOrder({ customerId, items: [{ productId, quantity: 1 }] });
    const orderId = String(created.body.orderId);
    fx.trackOrder(orderId, String(created.body.sagaId));
    await fx.api.waitForTerminal(orderId);

    const stage = fx.deployment.stage;
    const started = await eventually(
      () => emfRecordsOf(`saga-orders-${stage}-createOrder`, orderId),
      (records) => records.length > 0,
    );
    expect(started).toEqual([expect.objectContaining({ SagasStarted: 1, service: 'orders' })]);
    // Other suites' sagas end in the same log group: this saga's own record names its order.
    const ended = await eventually(
      () => emfRecordsOf(`saga-orders-${stage}-onSagaReply`, orderId),
      (records) => records.length > 0,
    );
    expect(ended).toHaveLength(1);
    const [confirmed] = ended;
    expect(confirmed).toMatchObject({ SagasConfirmed: 1, SagaCompensationRate: 0, service: 'orders' });
    expect(Number(confirmed?.SagaDuration)).toBeGreaterThan(0);
  });

  it('the seed alarms are deployed with their thresholds', async () => {
    const { MetricAlarms = [] } = await cloudwatch.send(new DescribeAlarmsCommand({}));
    const byName = new Map(MetricAlarms.map((alarm) => [alarm.AlarmName, alarm]));
    const stage = fx.deployment.stage;
    expect(byName.get(`saga-${stage}-compensation-rate`)).toMatchObject({
      MetricName: 'SagaCompensationRate',
      Threshold: 10,
    });
    expect(byName.get(`saga-orders-${stage}-outbox-lag`)).toMatchObject({
      MetricName: 'OutboxLag',
      Threshold: 300,
    });
    expect(byName.get(`saga-inventory-${stage}-event-processing-failures`)).toMatchObject({
      MetricName: 'EventsFailed',
      Threshold: 5,
    });
    expect(byName.get(`saga-payments-${stage}-dead-letters`)).toMatchObject({ Threshold: 0 });
  });
});

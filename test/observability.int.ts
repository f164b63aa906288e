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

  const emfRecords = async (functionName: string) => {
    const { events = [] } = await logs.send(
      new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${functionName}` }),
    );
    return events
      .flatMap((event) => (event.message ?? '').split(/[\t\n]/))
      .filter((line) => line.startsWith('{"_aws"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  };

  it('a confirmed saga emits SagasStarted, SagasConfirmed, SagaDuration and the compensation rate', async () => {
    const productId = await fx.seedProduct({ unitPriceCents: 100, stock: 2 });
    const customerId = await fx.seedAccount(10_000);
    const created = await fx.api.placeOrder({ customerId, items: [{ productId, quantity: 1 }] });
    fx.trackOrder(String(created.body.orderId), String(created.body.sagaId));
    await fx.api.waitForTerminal(String(created.body.orderId));

    const stage = fx.deployment.stage;
    const started = await emfRecords(`saga-orders-${stage}-createOrder`);
    expect(started.some((record) => record.SagasStarted === 1 && record.service === 'orders')).toBe(true);
    // One invocation may end several sagas (an SQS batch, as LocalStack and AWS deliver): EMF then
    // holds one value per saga in an array, e.g. SagaCompensationRate [100, 0].
    const values = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
    const confirmedIn = (record: Record<string, unknown>) => values(record.SagasConfirmed).includes(1);
    const ended = await eventually(
      () => emfRecords(`saga-orders-${stage}-onSagaReply`),
      (records) => records.some(confirmedIn),
    );
    const confirmed = ended.find(confirmedIn);
    expect(confirmed?.service).toBe('orders');
    expect(values(confirmed?.SagaCompensationRate)).toContain(0);
    expect(values(confirmed?.SagaDuration).every((duration) => Number(duration) > 0)).toBe(true);
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

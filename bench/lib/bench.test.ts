import { ingestedBytes } from './collectUsage';
import { costPerMillionOrders, usageFromCounts } from './costModel';
import { latencyChart } from './latencyChart';
import { sagaTimings } from './sagaTimings';

describe('sagaTimings', () => {
  const t = (ms: number) => new Date(Date.UTC(2030, 0, 1) + ms).toISOString();
  it('derives end-to-end and per-hop times from saga steps and outbox timestamps', () => {
    const timings = sagaTimings(
      [
        {
          orderId: 'o1',
          status: 'COMPLETED',
          steps: { created: { timestamp: t(0) }, confirmation: { timestamp: t(400) } },
        },
      ],
      [
        { eventType: 'order.created', correlationId: 'o1', occurredAt: t(0), publishedAt: t(50) },
        { eventType: 'inventory.reserved', correlationId: 'o1', occurredAt: t(100), publishedAt: t(160) },
        { eventType: 'payment.succeeded', correlationId: 'o1', occurredAt: t(220), publishedAt: t(300) },
        { eventType: 'order.confirmed', correlationId: 'o1', occurredAt: t(400), publishedAt: t(430) },
      ],
    );
    expect(timings.endToEndMs).toEqual([400]);
    expect(timings.writeToPublishedMs).toEqual({
      'order.created': [50],
      'inventory.reserved': [60],
      'payment.succeeded': [80],
      'order.confirmed': [30],
    });
    expect(timings.publishedToConsumedMs).toEqual({
      'order.created': [50],
      'inventory.reserved': [60],
      'payment.succeeded': [100],
    });
    expect(timings.lastEndedAt - timings.firstCreatedAt).toBe(400);
  });
});

describe('cost model', () => {
  it('turns counted requests into units and dollars per million orders', () => {
    const usage = usageFromCounts(
      {
        'dynamodb.TransactWriteItems.items': 20,
        'dynamodb.UpdateItem': 4,
        'dynamodb.BatchWriteItem.items': 4,
        'dynamodb.GetItem': 10,
        'events.PutEvents.entries': 8,
      },
      2,
      {
        lambdaInvocations: 20,
        lambdaGbSeconds: 1,
        sqsRequests: 12,
        indexWriteUnits: 6,
        logIngestedBytes: 8000,
      },
    );
    expect(usage).toMatchObject({
      writeUnits: 24,
      indexWriteUnits: 3,
      readUnits: 5,
      busEvents: 4,
      lambdaInvocations: 10,
      apiRequests: 1,
      logIngestedBytes: 4000,
    });
    const cost = costPerMillionOrders(usage, {
      dynamodbWriteRequestUnitPerMillion: 1,
      dynamodbReadRequestUnitPerMillion: 1,
      eventBridgeCustomEventPerMillion: 1,
      lambdaRequestPerMillion: 1,
      lambdaGbSecond: 0,
      apiGatewayRestRequestPerMillion: 1,
      sqsRequestPerMillion: 0,
      cloudWatchLogsIngestionPerGb: 0.5,
    });
    expect(cost['DynamoDB writes']).toBe(24);
    expect(cost['DynamoDB index writes']).toBe(3);
    // 4,000 bytes an order: 4 GB a million orders.
    expect(cost['CloudWatch Logs ingestion']).toBe(2);
    expect(cost.total).toBe(24 + 3 + 5 + 4 + 10 + 1 + 2);
  });
});

describe('ingestedBytes', () => {
  it('prices each line as its UTF-8 bytes plus 26, leaving out the request log and blank lines', () => {
    expect(ingestedBytes('{"message":"Event handled"}')).toBe(27 + 26);
    expect(ingestedBytes('é\n\nREPORT RequestId: x\tBilled Duration: 3 ms\n')).toBe(2 + 26 + 41 + 26);
    expect(ingestedBytes('{"level":"INFO","message":"AWS requests","awsRequests":{}}')).toBe(0);
  });
});

describe('latencyChart', () => {
  it('draws one bar per value, scaled to the largest', () => {
    const svg = latencyChart('t', [
      { label: 'a', value: 100 },
      { label: 'b<c', value: 50 },
    ]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<rect x=/g)).toHaveLength(2);
    expect(svg).toContain('b&lt;c');
  });
});

import {
  type AttributeValue,
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type StreamViewType,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { buildTransactionWriter } from '../dynamo/buildTransactionWriter';
import type { AnyEventEnvelope } from '../events/EventEnvelope';
import { type EventType, eventRegistry } from '../events/eventRegistry';
import { parseEnvelope } from '../events/parseEnvelope';
import { applyPipeInputTemplate, resolvePipePath } from '../testing/applyPipeInputTemplate';
import { buildTestEnvelope } from '../testing/buildTestEnvelope';
import { matchesEventPattern } from '../testing/matchesEventPattern';
import { readInfraFragment } from '../testing/readInfraFragment';
import { type DynamoDbLocal, startDynamoDbLocal } from '../testing/startDynamoDbLocal';
import { toPutEventsEntry } from './buildEventBridgePublisher';
import { buildOutboxRepository } from './buildOutboxRepository';
import { fromOutboxItem, isPendingOutboxItem } from './outboxItem';

/**
 * The two publisher paths must be indistinguishable to consumers. Real outbox writes go to
 * DynamoDB Local; its stream records are fed to the relay's code and to the pipe's filter and
 * input template exactly as declared in shared/infra (not a copy), and the results are compared.
 */
jest.setTimeout(60_000);

interface PipeProperties {
  SourceParameters: { FilterCriteria: { Filters: { Pattern: string }[] } };
  TargetParameters: {
    InputTemplate: string;
    EventBridgeEventBusParameters: { Source: string; DetailType: string; Time: string };
  };
}

type OutboxTableProperties = Pick<
  CreateTableCommandInput,
  'BillingMode' | 'AttributeDefinitions' | 'KeySchema' | 'GlobalSecondaryIndexes'
> & { StreamSpecification: { StreamViewType: StreamViewType } };

const pipe = readInfraFragment<{ Resources: { OutboxPipe: { Properties: PipeProperties } } }>(
  'outbox-publisher-pipe.yml',
).Resources.OutboxPipe.Properties;
const pipeFilters: object[] = pipe.SourceParameters.FilterCriteria.Filters.map((filter) =>
  JSON.parse(filter.Pattern),
);
const pipeTarget = pipe.TargetParameters;
const outboxTable = readInfraFragment<{ Resources: { OutboxTable: { Properties: OutboxTableProperties } } }>(
  'outbox-table.yml',
).Resources.OutboxTable.Properties;
const relayFilters =
  readInfraFragment<{ relayOutbox: { events: { stream: { filterPatterns: object[] } }[] } }>(
    'outbox-publisher-relay.functions.yml',
  ).relayOutbox.events[0]?.stream.filterPatterns ?? [];

/** A stream record as Lambda and Pipes receive it (DynamoDB JSON, epoch-second timestamps). */
type PipeEvent = Record<string, unknown> & {
  eventName?: string;
  dynamodb: { NewImage?: Record<string, AttributeValue> };
};

const asDeliveredRecord = (record: StreamRecord, streamArn: string): PipeEvent => ({
  eventID: record.eventID,
  eventName: record.eventName,
  eventVersion: record.eventVersion,
  eventSource: 'aws:dynamodb',
  awsRegion: 'us-east-1',
  dynamodb: {
    ...record.dynamodb,
    ApproximateCreationDateTime: Math.floor(
      (record.dynamodb?.ApproximateCreationDateTime?.getTime() ?? 0) / 1000,
    ),
  } as PipeEvent['dynamodb'],
  eventSourceARN: streamArn,
});

/** What the pipe puts on the bus for a record, or undefined when its filter drops the record. */
const pipeOutput = (record: PipeEvent) => {
  if (!pipeFilters.some((filter) => matchesEventPattern(filter as never, record))) return undefined;
  const bus = pipeTarget.EventBridgeEventBusParameters;
  return {
    Source: resolvePipePath(bus.Source, record),
    DetailType: resolvePipePath(bus.DetailType, record),
    Time: new Date(String(resolvePipePath(bus.Time, record))),
    Detail: applyPipeInputTemplate(pipeTarget.InputTemplate, record),
  };
};

/** What the relay publishes for a record (its ESM filter, then its handler's checks), or undefined. */
const relayOutput = (record: PipeEvent) => {
  if (!relayFilters.some((filter) => matchesEventPattern(filter as never, record))) return undefined;
  const image = record.dynamodb.NewImage;
  if (record.eventName !== 'INSERT' || !isPendingOutboxItem(image) || !image) return undefined;
  const { Source, DetailType, Time, Detail } = toPutEventsEntry('saga-bus', fromOutboxItem(image));
  return { Source, DetailType, Time, Detail };
};

let local: DynamoDbLocal;
let streams: DynamoDBStreamsClient;
let tableCounter = 0;

beforeAll(async () => {
  local = await startDynamoDbLocal();
  streams = new DynamoDBStreamsClient({
    endpoint: local.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}, 60_000);

afterAll(async () => {
  streams?.destroy();
  await local?.stop();
});

/** The outbox table as shared/infra declares it, and its stream. */
const createOutbox = async () => {
  tableCounter += 1;
  const TableName = `pipe-contract-${tableCounter}`;
  await local.client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: outboxTable.BillingMode,
      AttributeDefinitions: outboxTable.AttributeDefinitions,
      KeySchema: outboxTable.KeySchema,
      GlobalSecondaryIndexes: outboxTable.GlobalSecondaryIndexes,
      StreamSpecification: {
        StreamEnabled: true,
        StreamViewType: outboxTable.StreamSpecification.StreamViewType,
      },
    }),
  );
  const { Table } = await local.client.send(new DescribeTableCommand({ TableName }));
  return { TableName, streamArn: Table?.LatestStreamArn ?? '' };
};

const readStream = async (streamArn: string, expected: number): Promise<PipeEvent[]> => {
  const records: PipeEvent[] = [];
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  for (const shard of StreamDescription?.Shards ?? []) {
    let { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shard.ShardId,
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    for (let polls = 0; ShardIterator && polls < 20 && records.length < expected; polls++) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator }));
      records.push(...(page.Records ?? []).map((record) => asDeliveredRecord(record, streamArn)));
      ShardIterator = page.NextShardIterator;
    }
  }
  return records;
};

const oneOfEachType = (): AnyEventEnvelope[] =>
  (Object.keys(eventRegistry) as EventType[]).map(
    (type, index) =>
      buildTestEnvelope(
        type,
        {},
        { eventId: `evt-${index}-${type}`, occurredAt: '2030-01-01T00:00:00.123Z' },
      ) as AnyEventEnvelope,
  );

describe('pipe and relay publish the same events', () => {
  it('gives every event type the same Source, DetailType, Time and detail on both paths', async () => {
    const { TableName, streamArn } = await createOutbox();
    const outbox = buildOutboxRepository(local.client, TableName);
    const envelopes = oneOfEachType();
    await buildTransactionWriter(local.client).write(outbox.putItems(envelopes));

    const records = await readStream(streamArn, envelopes.length);
    expect(records).toHaveLength(envelopes.length);
    for (const record of records) {
      const viaPipe = pipeOutput(record);
      const viaRelay = relayOutput(record);
      expect(viaPipe).toBeDefined();
      expect(viaRelay).toBeDefined();
      expect(viaPipe?.Source).toBe(viaRelay?.Source);
      expect(viaPipe?.DetailType).toBe(viaRelay?.DetailType);
      expect(viaPipe?.Time.toISOString()).toBe(viaRelay?.Time?.toISOString());
      const pipeDetail = JSON.parse(viaPipe?.Detail ?? '');
      expect(pipeDetail).toEqual(JSON.parse(viaRelay?.Detail ?? ''));
      // Consumers validate the detail against the contract: the pipe's passes, unchanged.
      expect(parseEnvelope(pipeDetail)).toEqual(pipeDetail);
    }
    const published = records.map((record) => JSON.parse(pipeOutput(record)?.Detail ?? ''));
    expect(published).toEqual(expect.arrayContaining(envelopes));
  });

  it('carries data with quotes, backslashes, newlines and non-ASCII text intact', async () => {
    const { TableName, streamArn } = await createOutbox();
    const outbox = buildOutboxRepository(local.client, TableName);
    const tricky = buildTestEnvelope(
      'order.cancelled',
      { reason: 'Card "declined"\n\\ retry later: ünïcødé ✓ </>' },
      { eventId: 'evt-tricky' },
    ) as AnyEventEnvelope;
    await buildTransactionWriter(local.client).write(outbox.putItems([tricky]));

    const [record] = await readStream(streamArn, 1);
    if (!record) throw new Error('no stream record');
    expect(JSON.parse(pipeOutput(record)?.Detail ?? '')).toEqual(tricky);
    expect(JSON.parse(relayOutput(record)?.Detail ?? '')).toEqual(tricky);
  });

  it('publishes inserts only: marking an item published (a MODIFY) goes through neither path', async () => {
    const { TableName, streamArn } = await createOutbox();
    const outbox = buildOutboxRepository(local.client, TableName);
    const [first] = oneOfEachType();
    if (!first) throw new Error('no event types');
    await buildTransactionWriter(local.client).write(outbox.putItems([first]));
    await outbox.markPublished([first], new Date('2030-01-01T00:01:00.000Z'));

    const [insert, modify] = await readStream(streamArn, 2);
    expect(insert?.eventName).toBe('INSERT');
    expect(modify?.eventName).toBe('MODIFY');
    if (!modify) throw new Error('no MODIFY record');
    expect(pipeOutput(modify)).toBeUndefined();
    expect(relayOutput(modify)).toBeUndefined();
  });

  it('publishes nothing for a mark that finds no item (an INSERT of a PUBLISHED item)', async () => {
    const { TableName, streamArn } = await createOutbox();
    const outbox = buildOutboxRepository(local.client, TableName);
    const [first] = oneOfEachType();
    if (!first) throw new Error('no event types');
    await outbox.markPublished([first], new Date('2030-01-01T00:01:00.000Z'));

    const [insert] = await readStream(streamArn, 1);
    expect(insert?.eventName).toBe('INSERT');
    if (!insert) throw new Error('no INSERT record');
    expect(pipeOutput(insert)).toBeUndefined();
    expect(relayOutput(insert)).toBeUndefined();
  });
});

import { type AttributeValue, DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { awsClientConfig } from './lib/awsClientConfig';
import { runCli } from './lib/explainFailure';
import { hopsOf, renderHops, renderOrderHops, type TracedEffect, type TracedEvent } from './lib/hopTimings';
import { loadDeployment } from './lib/loadDeployment';

/** Past this many items per table the report says it stopped: a run on an emulator holds far fewer. */
const MAX_ITEMS = 100_000;

type Row = Record<string, unknown>;

/**
 * `make hops`: where a run's saga time went, hop by hop, from the timestamps the services store
 * (outbox items' written and published times, the reservation and award a confirmation or
 * cancellation leaves), of the events written since SINCE (default: all). It reads whole tables:
 * meant for an emulator's run, not a busy stage. ORDERS=<id,id>: those orders' hops one by one.
 */
const main = async () => {
  const since = process.env.SINCE ? new Date(process.env.SINCE) : undefined;
  if (since && Number.isNaN(since.getTime()))
    throw new Error(`SINCE must be a time (ISO 8601), got ${process.env.SINCE}`);
  const orders = (process.env.ORDERS ?? '').split(',').filter((id) => id.trim() !== '');
  const { tables } = await loadDeployment();
  const client = new DynamoDBClient(awsClientConfig);
  const notes: string[] = [];
  const scan = async (table: string): Promise<Row[]> => {
    const rows: Row[] = [];
    for await (const page of paginateScan({ client }, { TableName: table })) {
      rows.push(...(page.Items ?? []).map((item: Record<string, AttributeValue>) => unmarshall(item)));
      if (rows.length >= MAX_ITEMS) {
        notes.push(`${table}: stopped after ${rows.length} items`);
        break;
      }
    }
    return rows;
  };
  const [outboxes, reservations, awards] = await Promise.all([
    Promise.all([tables.ordersOutbox, tables.inventoryOutbox, tables.paymentsOutbox].map(scan)),
    scan(tables.reservations),
    scan(tables.awards),
  ]);
  const written = outboxes
    .flat()
    .filter(
      (row) =>
        typeof row.eventId === 'string' &&
        typeof row.occurredAt === 'string' &&
        (!since || Date.parse(row.occurredAt) >= since.getTime()),
    );
  const toEvent = (row: Row): TracedEvent => ({
    eventId: String(row.eventId),
    eventType: String(row.eventType),
    correlationId: String(row.correlationId),
    causationId: String(row.causationId),
    occurredAt: String(row.occurredAt),
    ...(typeof row.publishedAt === 'string' ? { publishedAt: row.publishedAt } : {}),
  });
  const events = written.map(toEvent);
  const unpublished = written.filter((row) => row.status === 'PENDING').map(toEvent);
  // The changes that leave no event behind: a sale or a release (the reservation names the event that
  // made it), and the award of a confirmed order.
  const effects: TracedEffect[] = [
    ...reservations.flatMap((row): TracedEffect[] =>
      (row.status === 'COMMITTED' || row.status === 'RELEASED') && typeof row.lastEventId === 'string'
        ? [{ what: `reservation ${row.status}`, at: String(row.updatedAt), causeEventId: row.lastEventId }]
        : [],
    ),
    ...awards.map(
      (row): TracedEffect => ({
        what: 'award',
        at: String(row.awardedAt),
        orderId: String(row.orderId),
        causeType: 'order.confirmed',
      }),
    ),
  ];
  const hops = hopsOf(events, effects);
  console.log(renderHops(hops, unpublished));
  for (const orderId of orders) console.log(renderOrderHops(hops, orderId));
  for (const note of notes) console.log(note);
  client.destroy();
};

runCli(main);

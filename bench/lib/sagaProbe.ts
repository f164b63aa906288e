import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { batchGetItems } from '@saga/shared';

export interface EndedSaga {
  readonly status: string;
  readonly createdAt: number;
  readonly endedAt: number;
}

const TERMINAL = new Set(['COMPLETED', 'COMPENSATED', 'COMPENSATION_FAILED']);

/** A saga record's end, from its own step timestamps (server time), once it is terminal. */
export const endOf = (saga: Record<string, unknown> | undefined): EndedSaga | undefined => {
  if (!saga || !TERMINAL.has(String(saga.status))) return undefined;
  const steps = (saga.steps ?? {}) as Record<string, { timestamp?: string } | undefined>;
  const created = steps.created?.timestamp;
  const ended =
    (steps.confirmation ?? steps.compensation)?.timestamp ?? (saga.updatedAt as string | undefined);
  if (!created || !ended) return undefined;
  return { status: String(saga.status), createdAt: Date.parse(created), endedAt: Date.parse(ended) };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls one saga (strongly consistent GetItem) until it is terminal. */
export const waitForSagaEnd = async (
  dynamo: DynamoDBClient,
  table: string,
  sagaId: string,
  { timeoutMs = 60_000, pollMs = 20 } = {},
): Promise<EndedSaga | undefined> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { Item } = await dynamo.send(
      new GetItemCommand({ TableName: table, Key: { sagaId: { S: sagaId } }, ConsistentRead: true }),
    );
    const ended = endOf(Item ? unmarshall(Item) : undefined);
    if (ended) return ended;
    await sleep(pollMs);
  }
  return undefined;
};

/** The ends of those of `sagaIds` that are terminal now (batched reads). */
export const endedSagas = async (
  dynamo: DynamoDBClient,
  table: string,
  sagaIds: readonly string[],
): Promise<Map<string, EndedSaga>> => {
  const found = await batchGetItems<Record<string, unknown>>(dynamo, table, 'sagaId', sagaIds);
  const ended = new Map<string, EndedSaga>();
  for (const [sagaId, saga] of found) {
    const end = endOf(saga);
    if (end) ended.set(sagaId, end);
  }
  return ended;
};

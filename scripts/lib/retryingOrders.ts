import { randomUUID } from 'node:crypto';
import { type AttributeValue, type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { HttpResult, sagaClient } from './sagaClient';

type Api = ReturnType<typeof sagaClient>;
type OrderRequest = Parameters<Api['placeOrder']>[0];

/** How a chaos client treats one order: send once, resend after an answer, or give up waiting and resend. */
export type RetryPlan = 'once' | 'retryAfterAnswer' | 'retryAfterTimeout';

export interface RetriedOrder {
  /** The first 201 (created or replayed): what the client keeps. */
  readonly result: HttpResult;
  /** Requests sent beyond the first. */
  readonly retries: number;
  /** Whether the first request was abandoned by the client's timeout. */
  readonly timedOut: boolean;
  /** Distinct order ids the 201 answers named: more than one is a duplicate order. */
  readonly orderIds: ReadonlySet<string>;
}

const MAX_ATTEMPTS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Places an order as a retrying client does: every attempt carries the same Idempotency-Key.
 * `retryAfterTimeout` aborts the first request after `timeoutMs` (the server may still commit it)
 * and resends; `retryAfterAnswer` resends once the first 201 has arrived. A 409 waits Retry-After.
 */
export const placeWithRetries = async (
  api: Api,
  order: OrderRequest,
  plan: RetryPlan,
  timeoutMs: number,
): Promise<RetriedOrder> => {
  const idempotencyKey = randomUUID();
  const orderIds = new Set<string>();
  let kept: HttpResult | undefined;
  let attempts = 0;
  let wanted = plan === 'retryAfterAnswer' ? 2 : 1;
  let timedOut = false;
  while (orderIds.size === 0 || attempts < wanted) {
    if (attempts >= MAX_ATTEMPTS) throw new Error(`order not accepted after ${MAX_ATTEMPTS} attempts`);
    attempts++;
    const abortEarly = plan === 'retryAfterTimeout' && attempts === 1;
    let response: HttpResult;
    try {
      response = await api.placeOrder(order, {
        idempotencyKey,
        ...(abortEarly ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
      });
    } catch (error) {
      if (abortEarly) {
        timedOut = true;
        wanted = 2;
        continue;
      }
      throw error;
    }
    if (response.status === 409) {
      await sleep(Number(response.headers['retry-after'] ?? 1) * 1000);
      continue;
    }
    if (response.status !== 201)
      throw new Error(`order rejected: ${response.status} ${JSON.stringify(response.body)}`);
    orderIds.add(String(response.body.orderId));
    kept ??= response;
  }
  if (!kept) throw new Error('unreachable: loop exits only with an accepted order');
  return { result: kept, retries: attempts - 1, timedOut, orderIds };
};

/**
 * Orders stored for customers whose ids start with `prefix`, found by a filtered scan: a check
 * after a chaos run (the orders table has no customer index), never a request path.
 */
export const countStoredOrders = async (client: DynamoDBClient, tableName: string, prefix: string) => {
  let count = 0;
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        ConsistentRead: true,
        FilterExpression: 'begins_with(customerId, :prefix)',
        ExpressionAttributeValues: { ':prefix': { S: prefix } },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
};

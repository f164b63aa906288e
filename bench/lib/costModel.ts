export interface Prices {
  readonly dynamodbWriteRequestUnitPerMillion: number;
  readonly dynamodbReadRequestUnitPerMillion: number;
  readonly eventBridgeCustomEventPerMillion: number;
  readonly lambdaRequestPerMillion: number;
  readonly lambdaGbSecond: number;
  readonly apiGatewayRestRequestPerMillion: number;
  readonly sqsRequestPerMillion: number;
  readonly cloudWatchLogsIngestionPerGb: number;
}

/** What one order cost in requests, averaged over a run. All items are under 1 KB. */
export interface PerOrderUsage {
  readonly writeUnits: number;
  /** Global secondary index writes: one unit per index an item enters, changes in or leaves. */
  readonly indexWriteUnits: number;
  readonly readUnits: number;
  readonly busEvents: number;
  readonly lambdaInvocations: number;
  readonly lambdaGbSeconds: number;
  readonly apiRequests: number;
  readonly sqsRequests: number;
  /** Bytes CloudWatch Logs ingests: every function's log lines (JSON, EMF metrics, Lambda's own). */
  readonly logIngestedBytes: number;
}

/**
 * DynamoDB units from the counted requests: a transactional item costs two units, a plain write one,
 * a strongly consistent read (GetItem, BatchGet key, Query page) one.
 */
export const usageFromCounts = (
  counts: Record<string, number>,
  orders: number,
  extra: {
    lambdaInvocations: number;
    lambdaGbSeconds: number;
    sqsRequests: number;
    indexWriteUnits?: number;
    logIngestedBytes?: number;
  },
): PerOrderUsage => {
  const get = (key: string) => counts[key] ?? 0;
  const writeUnits =
    2 * get('dynamodb.TransactWriteItems.items') +
    get('dynamodb.PutItem') +
    get('dynamodb.UpdateItem') +
    get('dynamodb.BatchWriteItem.items');
  const readUnits = get('dynamodb.GetItem') + get('dynamodb.BatchGetItem.keys') + get('dynamodb.Query');
  return {
    writeUnits: writeUnits / orders,
    indexWriteUnits: (extra.indexWriteUnits ?? 0) / orders,
    readUnits: readUnits / orders,
    busEvents: get('events.PutEvents.entries') / orders,
    lambdaInvocations: extra.lambdaInvocations / orders,
    lambdaGbSeconds: extra.lambdaGbSeconds / orders,
    apiRequests: 1,
    sqsRequests: (extra.sqsRequests + get('sqs.SendMessage')) / orders,
    logIngestedBytes: (extra.logIngestedBytes ?? 0) / orders,
  };
};

/** Dollars per million orders, by line item. */
export const costPerMillionOrders = (usage: PerOrderUsage, prices: Prices): Record<string, number> => {
  const lines = {
    'DynamoDB writes': usage.writeUnits * prices.dynamodbWriteRequestUnitPerMillion,
    'DynamoDB index writes': usage.indexWriteUnits * prices.dynamodbWriteRequestUnitPerMillion,
    'DynamoDB reads': usage.readUnits * prices.dynamodbReadRequestUnitPerMillion,
    'EventBridge events': usage.busEvents * prices.eventBridgeCustomEventPerMillion,
    'Lambda requests': usage.lambdaInvocations * prices.lambdaRequestPerMillion,
    'Lambda compute': usage.lambdaGbSeconds * prices.lambdaGbSecond * 1_000_000,
    'API Gateway (REST)': usage.apiRequests * prices.apiGatewayRestRequestPerMillion,
    'SQS inbox requests': usage.sqsRequests * prices.sqsRequestPerMillion,
    // A million orders' bytes, in GB (10^9 bytes, as AWS bills).
    'CloudWatch Logs ingestion': (usage.logIngestedBytes / 1000) * prices.cloudWatchLogsIngestionPerGb,
  };
  return { ...lines, total: Object.values(lines).reduce((sum, value) => sum + value, 0) };
};

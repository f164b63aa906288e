import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetFunctionConfigurationCommand,
  type LambdaClient,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import type { KeyedIndex } from './partitionShares';

/** Every table's partition key and each of its global secondary indexes' partition keys. */
export const keyedIndexes = async (
  dynamo: DynamoDBClient,
  tables: readonly string[],
): Promise<KeyedIndex[]> => {
  const found: KeyedIndex[] = [];
  for (const table of tables) {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: table }));
    const hash = (schema: { AttributeName?: string; KeyType?: string }[] | undefined) =>
      schema?.find((key) => key.KeyType === 'HASH')?.AttributeName;
    const own = hash(Table?.KeySchema);
    if (own) found.push({ table, partitionKey: own });
    for (const index of Table?.GlobalSecondaryIndexes ?? []) {
      const key = hash(index.KeySchema);
      if (key) found.push({ table, index: index.IndexName, partitionKey: key });
    }
  }
  return found;
};

const waitUntilUpdated = async (lambda: LambdaClient, FunctionName: string) => {
  for (let i = 0; i < 60; i++) {
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName }));
    if (config.LastUpdateStatus !== 'InProgress') return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${FunctionName} configuration update did not finish`);
};

/**
 * Switches the request log on (with the key attributes to watch) or off on deployed functions,
 * through their configuration: production code paths run without it unless a benchmark asks.
 */
export const setRequestLog = async (
  lambda: LambdaClient,
  functionNames: readonly string[],
  keyAttributes: readonly string[] | undefined,
) => {
  for (const FunctionName of functionNames) {
    const current = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName }));
    const {
      SAGA_REQUEST_LOG: _on,
      SAGA_REQUEST_LOG_KEYS: _keys,
      ...rest
    } = current.Environment?.Variables ?? {};
    const Variables = keyAttributes
      ? { ...rest, SAGA_REQUEST_LOG: 'on', SAGA_REQUEST_LOG_KEYS: keyAttributes.join(',') }
      : rest;
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName, Environment: { Variables } }));
    await waitUntilUpdated(lambda, FunctionName);
  }
};

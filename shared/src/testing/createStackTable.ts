import {
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { readStackFile } from './readInfraFragment';

type TableProperties = Omit<CreateTableCommandInput, 'TableName'>;
type Resources = Record<string, { Type?: string; Properties?: TableProperties }>;

/** Every resource of a stack file: a service's serverless.yml (`resources`) or a shared/infra fragment. */
const resourcesOf = (file: string): Resources => {
  const stack = readStackFile<{
    resources?: { Resources?: Resources }[] | { Resources?: Resources };
    Resources?: Resources;
  }>(file);
  if (stack.Resources) return stack.Resources;
  const parts = Array.isArray(stack.resources) ? stack.resources : [stack.resources ?? {}];
  return Object.assign({}, ...parts.map((part) => part.Resources ?? {}));
};

/**
 * Creates on DynamoDB Local, under `tableName`, the table `logicalId` exactly as `file` (relative to
 * the repository root) declares its keys, indexes and stream, so repository tests run against what
 * is deployed rather than a copy that can drift. Deployment-only properties (TTL, recovery, names
 * built from `${…}`) are left out.
 */
export const createStackTable = async (
  client: DynamoDBClient,
  file: string,
  logicalId: string,
  tableName: string,
): Promise<string> => {
  const resource = resourcesOf(file)[logicalId];
  if (resource?.Type !== 'AWS::DynamoDB::Table' || !resource.Properties)
    throw new Error(`${file} declares no table ${logicalId}`);
  const { AttributeDefinitions, KeySchema, GlobalSecondaryIndexes, StreamSpecification } =
    resource.Properties;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions,
      KeySchema,
      GlobalSecondaryIndexes,
      StreamSpecification: StreamSpecification ? { ...StreamSpecification, StreamEnabled: true } : undefined,
    }),
  );
  return tableName;
};

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { awsClientConfig, stage } from '../../scripts/lib/awsClientConfig';
import { hopId, LAST_HOP } from '../floor/src/hop';

const floorDir = path.resolve(__dirname, '..', 'floor');
const stackName = `saga-floor-${stage}`;

const hopsTableOf = async (client: CloudFormationClient): Promise<string | undefined> => {
  try {
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    return Stacks?.[0]?.Outputs?.find((output) => output.OutputKey === 'HopsTableName')?.OutputValue;
  } catch {
    return undefined; // no such stack
  }
};

/** The floor probe's table; deploys bench/floor first when its stack is absent. */
export const ensureFloorProbe = async (): Promise<string> => {
  const client = new CloudFormationClient(awsClientConfig);
  try {
    const existing = await hopsTableOf(client);
    if (existing) return existing;
    console.log(`  deploying the floor probe (${stackName}, bench/floor/serverless.yml)`);
    const sls = path.resolve(__dirname, '..', '..', 'node_modules', '.bin', 'sls');
    execFileSync(sls, ['deploy', '--stage', stage], {
      cwd: floorDir,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const deployed = await hopsTableOf(client);
    if (!deployed) throw new Error(`${stackName} deployed without a HopsTableName output`);
    return deployed;
  } finally {
    client.destroy();
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One floor chain: write hop 0, wait for the consumer's last hop, and return the server-side time
 * between the two items (the same clocks the saga's step timestamps come from).
 */
export const runFloorChain = async (
  dynamo: DynamoDBClient,
  table: string,
  chainId: string,
  { timeoutMs = 60_000, pollMs = 20 } = {},
): Promise<number | undefined> => {
  const at = new Date().toISOString();
  await dynamo.send(
    new PutItemCommand({
      TableName: table,
      Item: { id: { S: hopId(chainId, 0) }, chainId: { S: chainId }, hop: { N: '0' }, at: { S: at } },
    }),
  );
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { Item } = await dynamo.send(
      new GetItemCommand({
        TableName: table,
        Key: { id: { S: hopId(chainId, LAST_HOP) } },
        ConsistentRead: true,
      }),
    );
    if (Item?.at?.S) return Date.parse(Item.at.S) - Date.parse(at);
    await sleep(pollMs);
  }
  return undefined;
};

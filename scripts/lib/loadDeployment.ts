import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { type ServiceName, serviceNames } from '@saga/shared';
import { type AwsClientConfig, awsClientConfig, isLocal, stage } from './awsClientConfig';

export interface Deployment {
  readonly stage: string;
  readonly apiBaseUrl: string;
  /** The API's authorization on this stage: AWS_IAM requests must be SigV4-signed. */
  readonly apiAuthorization: 'AWS_IAM' | 'NONE';
  readonly eventBusName: string;
  readonly inboxes: Readonly<Record<ServiceName, string>>;
  readonly deadLetterQueues: Readonly<Record<ServiceName, string>>;
  readonly tables: {
    readonly orders: string;
    readonly sagaStates: string;
    readonly catalogue: string;
    readonly ordersOutbox: string;
    readonly requestKeys: string;
    readonly stock: string;
    readonly reservations: string;
    readonly inventoryOutbox: string;
    readonly inventoryIdempotency: string;
    readonly accounts: string;
    readonly payments: string;
    readonly paymentsOutbox: string;
    readonly paymentsIdempotency: string;
    readonly awards: string;
    readonly balances: string;
  };
}

const outputsOf = async (client: CloudFormationClient, stackName: string): Promise<Map<string, string>> => {
  const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
  const outputs = Stacks?.[0]?.Outputs ?? [];
  return new Map(outputs.map((output) => [output.OutputKey ?? '', output.OutputValue ?? '']));
};

const required = (outputs: Map<string, string>, key: string, stackName: string): string => {
  const value = outputs.get(key);
  if (!value) throw new Error(`Stack ${stackName} has no output ${key}: is it deployed?`);
  return value;
};

/**
 * Everything a client needs, read from the deployed stacks' outputs: nothing is hard-coded.
 * `config`: another emulator than $EMULATOR_PORT's (the explorer's tests point one at a dead port).
 */
export const loadDeployment = async (config: AwsClientConfig = awsClientConfig): Promise<Deployment> => {
  const client = new CloudFormationClient(config);
  const stacks = ['platform', ...serviceNames];
  const outputs = new Map(
    await Promise.all(
      stacks.map(async (name) => [name, await outputsOf(client, `saga-${name}-${stage}`)] as const),
    ),
  );
  const [platform, orders, inventory, payments, rewards] = stacks.map((name) => outputs.get(name));
  const perService = (key: string) =>
    Object.fromEntries(serviceNames.map((name) => [name, get(outputs.get(name), key, name)])) as Record<
      ServiceName,
      string
    >;
  const get = (outputs: Map<string, string> | undefined, key: string, name: string) =>
    required(outputs ?? new Map(), key, `saga-${name}-${stage}`);
  const restApiId = get(orders, 'RestApiId', 'orders');
  return {
    stage,
    apiAuthorization: get(orders, 'ApiAuthorization', 'orders') === 'AWS_IAM' ? 'AWS_IAM' : 'NONE',
    apiBaseUrl: isLocal
      ? `${config.endpoint}/restapis/${restApiId}/${stage}/_user_request_`
      : get(orders, 'ServiceEndpoint', 'orders'),
    eventBusName: get(platform, 'EventBusName', 'platform'),
    inboxes: perService('ConsumerQueueUrl'),
    deadLetterQueues: perService('DeadLetterQueueUrl'),
    tables: {
      orders: get(orders, 'OrdersTableName', 'orders'),
      sagaStates: get(orders, 'SagaStateTableName', 'orders'),
      catalogue: get(orders, 'CatalogueTableName', 'orders'),
      ordersOutbox: get(orders, 'OutboxTableName', 'orders'),
      requestKeys: get(orders, 'RequestKeysTableName', 'orders'),
      stock: get(inventory, 'StockTableName', 'inventory'),
      reservations: get(inventory, 'ReservationsTableName', 'inventory'),
      inventoryOutbox: get(inventory, 'OutboxTableName', 'inventory'),
      inventoryIdempotency: get(inventory, 'IdempotencyTableName', 'inventory'),
      accounts: get(payments, 'AccountsTableName', 'payments'),
      payments: get(payments, 'PaymentsTableName', 'payments'),
      paymentsOutbox: get(payments, 'OutboxTableName', 'payments'),
      paymentsIdempotency: get(payments, 'IdempotencyTableName', 'payments'),
      awards: get(rewards, 'AwardsTableName', 'rewards'),
      balances: get(rewards, 'BalancesTableName', 'rewards'),
    },
  };
};

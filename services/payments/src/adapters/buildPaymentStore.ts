import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type {
  IdempotencyRepository,
  OutboxRepository,
  Payment,
  PaymentAccount,
  TransactionWriter,
} from '@saga/shared';
import type { PaymentStore } from '../ports/PaymentStore';

export interface PaymentStoreDependencies {
  readonly client: DynamoDBClient;
  readonly accountsTable: string;
  readonly paymentsTable: string;
  readonly outbox: OutboxRepository;
  readonly idempotency: IdempotencyRepository;
  readonly transaction: TransactionWriter;
}

export const buildPaymentStore = ({
  client,
  accountsTable,
  paymentsTable,
  outbox,
  idempotency,
  transaction,
}: PaymentStoreDependencies): PaymentStore => {
  /** The guard makes an overdraft impossible even when two charges race. */
  const debit = (payment: Payment): TransactWriteItem => ({
    Update: {
      TableName: accountsTable,
      Key: { customerId: { S: payment.customerId } },
      UpdateExpression: 'SET balanceCents = balanceCents - :amount',
      ConditionExpression: 'balanceCents >= :amount',
      ExpressionAttributeValues: { ':amount': { N: String(payment.amountCents) } },
    },
  });

  /** One payment per order, whatever the number of deliveries. */
  const putPayment = (payment: Payment): TransactWriteItem => ({
    Put: {
      TableName: paymentsTable,
      Item: marshall(payment, { removeUndefinedValues: true }),
      ConditionExpression: 'attribute_not_exists(orderId)',
    },
  });

  const getItem = async (tableName: string, key: string, value: string) => {
    const result = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { [key]: { S: value } }, ConsistentRead: true }),
    );
    return result.Item ? unmarshall(result.Item) : undefined;
  };

  return {
    getAccount: async (customerId) =>
      (await getItem(accountsTable, 'customerId', customerId)) as PaymentAccount | undefined,
    getPayment: async (orderId) => (await getItem(paymentsTable, 'orderId', orderId)) as Payment | undefined,
    record: ({ payment, events, processed }) =>
      transaction.write([
        idempotency.claimItem(processed),
        putPayment(payment),
        ...(payment.status === 'SUCCEEDED' ? [debit(payment)] : []),
        ...outbox.putItems(events),
      ]),
    acknowledge: (processed) => transaction.write([idempotency.claimItem(processed)]),
  };
};

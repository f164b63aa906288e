import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { IdempotencyRepository, OutboxRepository, TransactionWriter } from '@saga/shared';
import type { PaymentChange } from '../domain/decidePayment';
import type { Payment } from '../domain/Payment';
import type { PaymentAccount } from '../domain/PaymentAccount';
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
  const debit = (customerId: string, amountCents: number): TransactWriteItem => ({
    Update: {
      TableName: accountsTable,
      Key: { customerId: { S: customerId } },
      UpdateExpression: 'SET balanceCents = balanceCents - :amount',
      ConditionExpression: 'balanceCents >= :amount',
      ExpressionAttributeValues: { ':amount': { N: String(amountCents) } },
    },
  });

  const credit = (customerId: string, amountCents: number): TransactWriteItem => ({
    Update: {
      TableName: accountsTable,
      Key: { customerId: { S: customerId } },
      UpdateExpression: 'SET balanceCents = balanceCents + :amount',
      ConditionExpression: 'attribute_exists(customerId)',
      ExpressionAttributeValues: { ':amount': { N: String(amountCents) } },
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

  /** A charge is refunded at most once: only a SUCCEEDED payment can become REFUNDED. */
  const markRefunded = (orderId: string, at: string, eventId: string): TransactWriteItem => ({
    Update: {
      TableName: paymentsTable,
      Key: { orderId: { S: orderId } },
      UpdateExpression: 'SET #status = :refunded, refundedAt = :at, lastEventId = :event',
      ConditionExpression: '#status = :succeeded',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':refunded': { S: 'REFUNDED' },
        ':succeeded': { S: 'SUCCEEDED' },
        ':at': { S: at },
        ':event': { S: eventId },
      },
    },
  });

  /** One item per decided change: the decision already said what changes, this says how it is stored. */
  const toItem = (change: PaymentChange): TransactWriteItem => {
    switch (change.kind) {
      case 'paymentRecorded':
        return putPayment(change.payment);
      case 'paymentRefunded':
        return markRefunded(change.orderId, change.at, change.eventId);
      case 'accountDebited':
        return debit(change.customerId, change.amountCents);
      case 'accountCredited':
        return credit(change.customerId, change.amountCents);
      default: {
        const unhandled: never = change;
        throw new TypeError(`Unhandled payment change ${JSON.stringify(unhandled)}`);
      }
    }
  };

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
    commit: (write) =>
      transaction.write([
        ...(write.processed ? [idempotency.claimItem(write.processed)] : []),
        ...write.changes.map(toItem),
        ...outbox.putItems(write.events),
      ]),
  };
};

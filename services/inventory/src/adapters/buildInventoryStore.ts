import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  batchGetItems,
  type IdempotencyRepository,
  type OutboxRepository,
  type TransactionWriter,
} from '@saga/shared';
import type { Reservation, ReservationStatus } from '../domain/Reservation';
import type { StockLevel } from '../domain/StockLevel';
import type { StockLine } from '../domain/StockLine';
import type { InventoryStore, InventoryWrite } from '../ports/InventoryStore';

export interface InventoryStoreDependencies {
  readonly client: DynamoDBClient;
  readonly stockTable: string;
  readonly reservationsTable: string;
  readonly outbox: OutboxRepository;
  readonly idempotency: IdempotencyRepository;
  readonly transaction: TransactionWriter;
}

export const buildInventoryStore = ({
  client,
  stockTable,
  reservationsTable,
  outbox,
  idempotency,
  transaction,
}: InventoryStoreDependencies): InventoryStore => {
  /** Moves quantity between stock buckets; the guard keeps the source bucket from going negative. */
  const moveStock = (line: StockLine, from: keyof StockLevel, to: keyof StockLevel): TransactWriteItem => ({
    Update: {
      TableName: stockTable,
      Key: { productId: { S: line.productId } },
      UpdateExpression: 'SET #from = #from - :q, #to = #to + :q',
      ConditionExpression: '#from >= :q',
      ExpressionAttributeNames: { '#from': from, '#to': to },
      ExpressionAttributeValues: { ':q': { N: String(line.quantity) } },
    },
  });

  const putReservation = (reservation: Reservation): TransactWriteItem => ({
    Put: {
      TableName: reservationsTable,
      Item: marshall(reservation),
      ConditionExpression: 'attribute_not_exists(orderId)',
    },
  });

  /** Only a HELD reservation can move on: a reservation is released or sold exactly once. */
  const closeReservation = (orderId: string, status: ReservationStatus, at: string): TransactWriteItem => ({
    Update: {
      TableName: reservationsTable,
      Key: { orderId: { S: orderId } },
      UpdateExpression: 'SET #status = :next, updatedAt = :at',
      ConditionExpression: '#status = :held',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':next': { S: status }, ':held': { S: 'HELD' }, ':at': { S: at } },
    },
  });

  const stateItems = ({ orderId, action, processed }: InventoryWrite): TransactWriteItem[] => {
    const at = processed.processedAt.toISOString();
    switch (action.kind) {
      case 'reserve':
        return [
          putReservation({ orderId, status: 'HELD', lines: action.lines, updatedAt: at }),
          ...action.lines.map((line) => moveStock(line, 'available', 'reserved')),
        ];
      case 'reject':
        return [putReservation({ orderId, status: 'REJECTED', lines: action.lines, updatedAt: at })];
      case 'void':
        return [putReservation({ orderId, status: 'VOIDED', lines: [], updatedAt: at })];
      case 'release':
        return [
          closeReservation(orderId, 'RELEASED', at),
          ...action.reservation.lines.map((line) => moveStock(line, 'reserved', 'available')),
        ];
      case 'commit':
        return [
          closeReservation(orderId, 'COMMITTED', at),
          ...action.reservation.lines.map((line) => moveStock(line, 'reserved', 'sold')),
        ];
      case 'confirm-nothing-held':
      case 'ignore':
        return [];
      default: {
        const unhandled: never = action;
        throw new TypeError(`Unhandled inventory action ${JSON.stringify(unhandled)}`);
      }
    }
  };

  return {
    async getReservation(orderId) {
      const result = await client.send(
        new GetItemCommand({
          TableName: reservationsTable,
          Key: { orderId: { S: orderId } },
          ConsistentRead: true,
        }),
      );
      return result.Item ? (unmarshall(result.Item) as Reservation) : undefined;
    },

    getStock: (productIds) => batchGetItems<StockLevel>(client, stockTable, 'productId', productIds),

    commit: (write) =>
      transaction.write([
        idempotency.claimItem(write.processed),
        ...stateItems(write),
        ...outbox.putItems(write.events),
      ]),
  };
};

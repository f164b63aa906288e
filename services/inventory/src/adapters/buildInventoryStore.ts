import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  batchGetItems,
  type IdempotencyRepository,
  type OutboxRepository,
  type TransactionWriter,
} from '@saga/shared';
import type { InventoryChange, StockBucket } from '../domain/decideInventory';
import type { Reservation, ReservationStatus } from '../domain/Reservation';
import type { StockLevel } from '../domain/StockLevel';
import type { StockLine } from '../domain/StockLine';
import type { InventoryStore } from '../ports/InventoryStore';

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
  const moveStock = (line: StockLine, from: StockBucket, to: StockBucket): TransactWriteItem => ({
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
  const closeReservation = (
    orderId: string,
    status: ReservationStatus,
    at: string,
    eventId: string,
  ): TransactWriteItem => ({
    Update: {
      TableName: reservationsTable,
      Key: { orderId: { S: orderId } },
      UpdateExpression: 'SET #status = :next, updatedAt = :at, lastEventId = :event',
      ConditionExpression: '#status = :held',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':next': { S: status },
        ':held': { S: 'HELD' },
        ':at': { S: at },
        ':event': { S: eventId },
      },
    },
  });

  /** One item per decided change: the decision already said what changes, this says how it is stored. */
  const toItem = (change: InventoryChange): TransactWriteItem => {
    switch (change.kind) {
      case 'reservationOpened':
        return putReservation(change.reservation);
      case 'reservationClosed':
        return closeReservation(change.orderId, change.status, change.at, change.eventId);
      case 'stockMoved':
        return moveStock(change.line, change.from, change.to);
      default: {
        const unhandled: never = change;
        throw new TypeError(`Unhandled inventory change ${JSON.stringify(unhandled)}`);
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
        ...(write.processed ? [idempotency.claimItem(write.processed)] : []),
        ...write.changes.map(toItem),
        ...outbox.putItems(write.events),
      ]),
  };
};

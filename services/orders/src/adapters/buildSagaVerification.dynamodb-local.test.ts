import { type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createStackTable, type DynamoDbLocal, startDynamoDbLocal } from '@saga/shared/testing';
import { buildParticipantEffectsReader } from './buildSagaVerification';

/** The reconciler's reads of the participants' records, batched, against Amazon DynamoDB Local. */
jest.setTimeout(30_000);

const STARTUP_TIMEOUT_MS = 60_000;

let local: DynamoDbLocal | undefined;
let client: DynamoDBClient;

beforeAll(async () => {
  local = await startDynamoDbLocal(STARTUP_TIMEOUT_MS - 5_000);
  client = local.client;
}, STARTUP_TIMEOUT_MS);

afterAll(async () => {
  await local?.stop();
});

const put = (tableName: string, orderId: string, status?: string) =>
  client.send(
    new PutItemCommand({
      TableName: tableName,
      Item: { orderId: { S: orderId }, ...(status ? { status: { S: status } } : {}), points: { N: '10' } },
    }),
  );

describe('buildParticipantEffectsReader', () => {
  it("reads 40 orders' records in three tables with two requests (33 orders each at most)", async () => {
    const tables = {
      reservations: await createStackTable(
        client,
        'services/inventory/serverless.yml',
        'ReservationsTable',
        'reservations',
      ),
      payments: await createStackTable(
        client,
        'services/payments/serverless.yml',
        'PaymentsTable',
        'payments',
      ),
      awards: await createStackTable(client, 'services/rewards/serverless.yml', 'AwardsTable', 'awards'),
    };
    const orderIds = Array.from({ length: 40 }, (_, index) => `ord-${index}`);
    for (const [index, orderId] of orderIds.entries()) {
      if (index % 4 !== 3) await put(tables.reservations, orderId, index % 2 === 0 ? 'COMMITTED' : 'HELD');
      if (index % 3 !== 2) await put(tables.payments, orderId, 'SUCCEEDED');
      if (index % 2 === 0) await put(tables.awards, orderId);
    }
    const send = jest.spyOn(client, 'send');
    try {
      const effects = await buildParticipantEffectsReader(client, tables).readMany(orderIds);

      expect(send).toHaveBeenCalledTimes(2);
      expect(effects.size).toBe(40);
      for (const [index, orderId] of orderIds.entries()) {
        expect(effects.get(orderId)).toEqual({
          reservation: index % 4 === 3 ? undefined : index % 2 === 0 ? 'COMMITTED' : 'HELD',
          payment: index % 3 === 2 ? undefined : 'SUCCEEDED',
          awarded: index % 2 === 0,
        });
      }
    } finally {
      send.mockRestore();
    }
  });
});

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createFixtures, type Fixtures } from './support/fixtures';

const venvBin = path.resolve(__dirname, '..', '.venv', 'bin');

describe('saga state query with awslocal', () => {
  let fx: Fixtures;
  beforeAll(async () => {
    fx = await createFixtures();
  });
  afterAll(() => fx.cleanup());

  it('the README query on OrderIdIndex returns the saga with its steps', async () => {
    const productId = await fx.seedProduct({ unitPriceCents: 300, stock: 3 });
    const customerId = await fx.seedAccount(10_000);
    const created = await fx.api.placeOrder({ customerId, items: [{ productId, quantity: 1 }] });
    const orderId = String(created.body.orderId);
    fx.trackOrder(orderId, String(created.body.sagaId));
    await fx.api.waitForTerminal(orderId);
    // Replies from different participants are not ordered: the saga may complete before its
    // inventory step is recorded. The query shows the saga once every reply is in.
    await fx.api.waitForSettledSaga(orderId);

    const output = execFileSync(
      path.join(venvBin, 'awslocal'),
      [
        'dynamodb',
        'query',
        '--table-name',
        fx.deployment.tables.sagaStates,
        '--index-name',
        'OrderIdIndex',
        '--key-condition-expression',
        'orderId = :orderId',
        '--expression-attribute-values',
        JSON.stringify({ ':orderId': { S: orderId } }),
      ],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          LOCALSTACK_HOST: `127.0.0.1:${process.env.EMULATOR_PORT ?? '4566'}`,
          PATH: `${venvBin}:${process.env.PATH ?? ''}`,
        },
      },
    );
    const result = JSON.parse(output) as { Count: number; Items: Record<string, Record<string, unknown>>[] };
    expect(result.Count).toBe(1);
    const item = result.Items[0];
    if (!item) throw new Error('query returned no item');
    expect(item.orderId).toEqual({ S: orderId });
    expect(item.sagaId).toEqual({ S: created.body.sagaId });
    expect(item.status).toEqual({ S: 'COMPLETED' });
    expect(item.currentStep).toEqual({ S: 'CONFIRMED' });
    expect(item.compensationRequired).toEqual({ BOOL: false });
    const steps = (item.steps as { M: Record<string, { M: { status: { S: string } } }> }).M;
    expect(Object.keys(steps).sort()).toEqual([
      'confirmation',
      'created',
      'inventoryReservation',
      'paymentProcessing',
    ]);
    expect(steps.confirmation?.M.status.S).toBe('SUCCESS');
  });
});

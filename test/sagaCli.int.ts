import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createFixtures, eventually, type Fixtures } from './support/fixtures';

const root = path.resolve(__dirname, '..');
const run = (script: string, args: string[] = [], env: Record<string, string> = {}) =>
  execFileSync(
    path.join(root, 'node_modules', '.bin', 'tsx'),
    [path.join(root, 'scripts', script), ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, NODE_NO_WARNINGS: '1', ...env },
    },
  );

/** `make saga` and `make sagas` against the deployed saga table. */
describe('saga CLI', () => {
  let fx: Fixtures;
  beforeAll(async () => {
    fx = await createFixtures();
  });
  afterAll(() => fx.cleanup());

  const place = async (balanceCents: number) => {
    const productId = await fx.seedProduct({ unitPriceCents: 4000, stock: 2 });
    const customerId = await fx.seedAccount(balanceCents);
    const created = await fx.api.placeOrder({ customerId, items: [{ productId, quantity: 1 }] });
    const orderId = String(created.body.orderId);
    fx.trackOrder(orderId, String(created.body.sagaId));
    await fx.api.waitForTerminal(orderId);
    await eventually(
      async () => (await fx.api.getSaga(orderId)).body.status,
      (status) => status === 'COMPLETED' || status === 'COMPENSATED',
    );
    return orderId;
  };

  it('prints a happy-path saga as a timeline', async () => {
    const orderId = await place(100_000);
    const lines = run('saga.ts', [orderId]).trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`order ${orderId}  COMPLETED \\(current step CONFIRMED\\)$`));
    expect(lines.slice(1).map((line) => line.trim().split(/\s+/).slice(1, 3))).toEqual([
      ['created', 'SUCCESS'],
      ['inventoryReservation', 'SUCCESS'],
      ['paymentProcessing', 'SUCCESS'],
      ['confirmation', 'SUCCESS'],
    ]);
    expect(lines[1]).toMatch(/^\s+\+0\.000s/);
  });

  it('prints a compensated saga with the failed step, its error and the compensation reason', async () => {
    const orderId = await place(500);
    const output = run('saga.ts', [orderId]);
    expect(output).toContain(`order ${orderId}  COMPENSATED (current step COMPENSATED)`);
    expect(output).toMatch(
      /paymentProcessing\s+FAILED\s+Insufficient funds: balance 5\.00 is below the amount 40\.00/,
    );
    expect(output).toMatch(/compensation\s+SUCCESS/);
    expect(output).toContain(
      'compensation reason: Payment failed: Insufficient funds: balance 5.00 is below the amount 40.00',
    );

    const list = run('sagas.ts', [], { STATUS: 'COMPENSATED', LIMIT: '50' });
    expect(list.split('\n')[0]).toMatch(/^ORDER\s+STATUS\s+STEP/);
    expect(list).toMatch(new RegExp(`${orderId}\\s+COMPENSATED\\s+COMPENSATED`));
    expect(list).not.toMatch(/\sCOMPLETED\s/);
  });

  it('refuses an unknown status', () => {
    expect(() => run('sagas.ts', [], { STATUS: 'BOGUS' })).toThrow();
  });
});

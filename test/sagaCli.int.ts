import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { refusedPort } from '@saga/shared/testing';
import { createFixtures, type Fixtures } from './support/fixtures';

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
    await fx.api.waitForSettledSaga(orderId);
    return orderId;
  };

  it('prints a happy-path saga as a timeline, found by its orderId or by its sagaId', async () => {
    const orderId = await place(100_000);
    const sagaId = String((await fx.api.getOrder(orderId)).body.sagaId);
    const bySagaId = run('saga.ts', [sagaId]);
    expect(bySagaId.split('\n')[0]).toBe(
      `saga ${sagaId}  order ${orderId}  COMPLETED (current step CONFIRMED)`,
    );
    expect(bySagaId).toMatch(/confirmation\s+SUCCESS/);
    const lines = run('saga.ts', [orderId]).trim().split('\n');
    expect(lines.join('\n')).toBe(bySagaId.trim());
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

  it('places an order from the shell and prints the line to follow it', async () => {
    const productId = await fx.seedProduct({ unitPriceCents: 1000, stock: 1 });
    const customerId = await fx.seedAccount(100_000);
    const output = run('order.ts', [], { CUSTOMER: customerId, PRODUCT: productId, QTY: '1' });
    const [, orderId, sagaId] =
      /^order (ord-\S+) {2}PENDING {2}10\.00 USD {2}saga (saga-\S+)$/m.exec(output) ?? [];
    expect(orderId).toBeDefined();
    fx.trackOrder(String(orderId), String(sagaId));
    const port =
      process.env.EMULATOR_PORT && process.env.EMULATOR_PORT !== '4566'
        ? ` EMULATOR_PORT=${process.env.EMULATOR_PORT}`
        : '';
    expect(output).toContain(`follow it: make saga ORDER=${orderId}${port}`);
    await fx.api.waitForTerminal(String(orderId));
  });

  it('says why an order was rejected and exits 1', () => {
    expect(() => run('order.ts', [], { PRODUCT: 'no-such-product', QTY: '1' })).toThrow(
      /order rejected \(400\): Unknown product: no-such-product/,
    );
  });

  it('every CLI script, with the emulator down, prints one line naming the endpoint and the fix, and exits non-zero', async () => {
    const dead = await refusedPort();
    const scripts: [string, string[]][] = [
      ['saga.ts', ['ord-x']],
      ['sagas.ts', []],
      ['order.ts', []],
      ['seed.ts', []],
      ['demo.ts', []],
      ['chaos.ts', []],
      ['redrive.ts', []],
    ];
    const results = await Promise.all(
      scripts.map(
        ([script, args]) =>
          new Promise<{ script: string; code: number | null; stdout: string; stderr: string }>((resolve) => {
            const child = execFile(
              path.join(root, 'node_modules', '.bin', 'tsx'),
              [path.join(root, 'scripts', script), ...args],
              {
                encoding: 'utf8',
                env: { ...process.env, NODE_NO_WARNINGS: '1', EMULATOR_PORT: String(dead), ORDERS: '2' },
              },
              (_, stdout, stderr) => resolve({ script, code: child.exitCode, stdout, stderr }),
            );
          }),
      ),
    );
    for (const { script, code, stdout, stderr } of results) {
      expect({ script, code, stdout, stderr }).toEqual({
        script,
        code: 1,
        stdout: '',
        stderr: `cannot reach http://127.0.0.1:${dead} (ECONNREFUSED): start the emulator with \`make up\`, or set EMULATOR_PORT=<port> to the one that is running\n`,
      });
    }
  });

  it('refuses an unknown status', () => {
    expect(() => run('sagas.ts', [], { STATUS: 'BOGUS' })).toThrow();
  });
});

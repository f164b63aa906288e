import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One line per wait that ended in time: share of its budget, elapsed, budget, test, what it waited for,
 * and the orders it waited on (the phase prints the tightest waits' orders hop by hop: make hops ORDERS=…).
 */
const ledger = join(__dirname, '../../.run', `waits-${process.env.EMULATOR ?? 'emulator'}.tsv`);

/**
 * Runs a bounded wait and notes how much of its budget it used, so each phase can print its tightest
 * waits (scripts/integration-phase.sh): a margin that shrinks shows before it turns into a flake.
 */
export const recordWait = async <T>(
  what: string,
  budgetMs: number,
  wait: () => Promise<T>,
  orderId?: string,
): Promise<T> => {
  const test = currentTest();
  const site = callSite(new Error().stack ?? '');
  const started = Date.now();
  const value = await wait();
  const elapsedMs = Date.now() - started;
  const orders = orderId ? [orderId] : (ordersByTest.get(test) ?? []).slice(-MAX_ORDERS_NAMED);
  mkdirSync(join(ledger, '..'), { recursive: true });
  appendFileSync(
    ledger,
    `${(elapsedMs / budgetMs).toFixed(2)}\t${Math.round(elapsedMs / 1000)} s\tof ${Math.round(budgetMs / 1000)} s\t${test}\t${what} (${site})\t${orders.join(',')}\n`,
  );
  return value;
};

const currentTest = () => (expect.getState().currentTestName ?? '(outside a test)').replace(/\s+/g, ' ');

/** The orders each test placed (the fixtures note them): a wait on an effect names its test's latest ones. */
const ordersByTest = new Map<string, string[]>();
const MAX_ORDERS_NAMED = 3;

export const noteOrder = (orderId: string): void => {
  const test = currentTest();
  ordersByTest.set(test, [...(ordersByTest.get(test) ?? []), orderId]);
};

/** The test line that started the wait: the first frame outside test/support. */
const callSite = (stack: string): string => {
  const frame = stack
    .split('\n')
    .slice(1)
    .find((line) => line.includes('/test/') && !line.includes('/test/support/'));
  return /\/(test\/[^:()]+:\d+)/.exec(frame ?? '')?.[1] ?? 'unknown';
};

import type { TransactionWriter } from '../dynamo/TransactionWriter';
import { type FaultPlan, planFor } from './FaultPlan';
import { InjectedFaultError } from './InjectedFaultError';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Wraps the transaction writer with crashes around the commit and a delay before it. */
export const withTransactionFaults = (
  writer: TransactionWriter,
  plans: readonly FaultPlan[],
  random: () => number = Math.random,
): TransactionWriter => {
  const active = plans.filter((p) => p.crashBeforeCommit > 0 || p.crashAfterCommit > 0 || p.delayMs > 0);
  if (active.length === 0) return writer;
  return {
    async write(items) {
      const plan = planFor(active, items);
      if (plan.delayMs > 0) await sleep(plan.delayMs);
      if (random() < plan.crashBeforeCommit) throw new InjectedFaultError('injected crash before commit');
      await writer.write(items);
      if (random() < plan.crashAfterCommit) throw new InjectedFaultError('injected crash after commit');
    },
  };
};

import type { TransactionWriter } from '../dynamo/TransactionWriter';
import type { FaultPlan } from './FaultPlan';
import { InjectedFaultError } from './InjectedFaultError';

/** Wraps the transaction writer with crashes around the commit and a delay before it. */
export const withTransactionFaults = (
  writer: TransactionWriter,
  plan: FaultPlan,
  random: () => number = Math.random,
): TransactionWriter => {
  if (plan.crashBeforeCommit === 0 && plan.crashAfterCommit === 0 && plan.delayMs === 0) return writer;
  return {
    async write(items) {
      if (plan.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, plan.delayMs));
      if (random() < plan.crashBeforeCommit) throw new InjectedFaultError('injected crash before commit');
      await writer.write(items);
      if (random() < plan.crashAfterCommit) throw new InjectedFaultError('injected crash after commit');
    },
  };
};

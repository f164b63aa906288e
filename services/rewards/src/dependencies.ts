import {
  buildTransactionWriter,
  dynamoClient,
  getEnv,
  loadFaultPlans,
  systemClock,
  withTransactionFaults,
} from '@saga/shared';
import { buildRewardsStore } from './adapters/buildRewardsStore';

/** Wires the rewards service once per cold start. */
export const wireRewards = () => {
  const client = dynamoClient();
  const store = buildRewardsStore({
    client,
    awardsTable: getEnv('AWARDS_TABLE'),
    balancesTable: getEnv('BALANCES_TABLE'),
    transaction: withTransactionFaults(buildTransactionWriter(client), loadFaultPlans()),
  });
  return { store, clock: systemClock };
};

import { stage } from './lib/awsClientConfig';
import { runCli } from './lib/explainFailure';
import { runChaos } from './lib/runChaos';

const { timingsFor } = require('../shared/infra/timings.js') as {
  timingsFor: (stage: string, publisher: string) => { worstSettleSeconds: number };
};

/** `make chaos`: many concurrent orders with faults on, then the invariants. Exits 1 on any violation. */
const main = async () => {
  const number = (name: string, fallback: number) => Number(process.env[name] || fallback);
  const verdict = await runChaos({
    orders: number('ORDERS', 200),
    concurrency: number('CONCURRENCY', 10),
    products: number('PRODUCTS', 5),
    customers: number('CUSTOMERS', 20),
    // By default as long as an order may take to settle with every event published by the sweeper alone.
    quiescenceTimeoutMs:
      number('QUIESCENCE_TIMEOUT_S', timingsFor(stage, 'relay').worstSettleSeconds + 30) * 1000,
    seed: number('SEED', 42),
    log: (line) => console.log(line),
  });
  const f = verdict.figures;
  console.log(
    `chaos: ${f.orders} orders, ${f.oversold} oversold, ${f.lost} lost, ${f.duplicatesApplied} duplicates applied, ` +
      `${f.confirmed} confirmed, ${f.cancelled} cancelled (${f.timedOut} by timeout), ${f.pendingOutboxEvents} unpublished, ` +
      `dead letters: ${f.deadLetters['parked-invalid-event']} poison parked, ${f.deadLetters['injected-fault']} injected-fault, ${f.deadLetters.other} other, ` +
      `${f.heldForTerminal} held for a terminal order, ${f.confirmedUnawarded} confirmed unawarded, ${f.reconciled} dead-lettered confirmation reconciled; ` +
      `${f.retries} retries (${f.retriesAfterTimeout} after a client timeout), ${f.duplicateOrdersFromRetries} duplicate orders from retries`,
  );
  for (const violation of verdict.violations) console.log(`VIOLATION ${violation}`);
  process.exit(verdict.violations.length === 0 ? 0 : 1);
};

runCli(main);

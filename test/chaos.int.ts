import { runChaos } from '../scripts/lib/runChaos';
import { faultScope } from './support/faultPresets';
import { everyOrderSettledMs, testTimeout } from './support/waits';

/** `make chaos` at a size CI can afford: faults on, then every invariant must hold. */
describe('chaos', () => {
  // Placing the orders on a busy emulator, then the run's own wait for every saga to settle (a failed
  // publish leaves its event to the sweeper, so a run may wait for several sweeps).
  const waits = { submit: 120_000, quiescence: everyOrderSettledMs };

  it(
    'under duplicates, crashes, partial publish failures and poison: nothing lost, nothing oversold',
    async () => {
      const lines: string[] = [];
      const verdict = await runChaos({
        orders: Number(process.env.CHAOS_ORDERS ?? 40),
        concurrency: 8,
        products: 4,
        customers: 10,
        quiescenceTimeoutMs: waits.quiescence,
        seed: 7,
        log: (line) => lines.push(line),
        // Switched on for the run's id before any suite started (support/faultPresets.ts).
        faultsOnFor: faultScope('chaos'),
      });
      const f = verdict.figures;
      console.log(
        `chaos: ${f.orders} orders, ${f.oversold} oversold, ${f.lost} lost, ${f.duplicatesApplied} duplicates applied, ${f.confirmed} confirmed, ${f.cancelled} cancelled, ${f.heldForTerminal} held for a terminal order, ${f.confirmedUnawarded} confirmed unawarded, ${f.reconciled} reconciled, ${f.retries} retries, ${f.duplicateOrdersFromRetries} duplicate orders from retries`,
      );
      expect(verdict.violations).toEqual([]);
      expect(f.confirmed).toBeGreaterThan(0);
      expect(f.cancelled).toBeGreaterThan(0);
      expect(f.deadLetters['parked-invalid-event']).toBeGreaterThan(0);
      expect(f).toMatchObject({ heldForTerminal: 0, confirmedUnawarded: 0, reconciled: 1 });
      expect(f.retriesAfterTimeout).toBeGreaterThan(0);
    },
    testTimeout(waits),
  );
});

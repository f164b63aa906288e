import { runChaos } from '../scripts/lib/runChaos';

/** `make chaos` at a size CI can afford: faults on, then every invariant must hold. */
describe('chaos', () => {
  it('under duplicates, crashes, partial publish failures and poison: nothing lost, nothing oversold', async () => {
    const lines: string[] = [];
    const verdict = await runChaos({
      orders: Number(process.env.CHAOS_ORDERS ?? 40),
      concurrency: 8,
      products: 4,
      customers: 10,
      quiescenceTimeoutMs: 300_000,
      seed: 7,
      log: (line) => lines.push(line),
    });
    const f = verdict.figures;
    console.log(
      `chaos: ${f.orders} orders, ${f.oversold} oversold, ${f.lost} lost, ${f.duplicatesApplied} duplicates applied, ${f.confirmed} confirmed, ${f.cancelled} cancelled, ${f.retries} retries, ${f.duplicateOrdersFromRetries} duplicate orders from retries`,
    );
    expect(verdict.violations).toEqual([]);
    expect(f.confirmed).toBeGreaterThan(0);
    expect(f.cancelled).toBeGreaterThan(0);
    expect(f.deadLetters['parked-invalid-event']).toBeGreaterThan(0);
    expect(f.retriesAfterTimeout).toBeGreaterThan(0);
  });
});

import type { AnyEventEnvelope } from '../events/EventEnvelope';
import { buildTestEnvelope } from '../testing/buildTestEnvelope';
import { noFaults } from './FaultPlan';
import { InjectedFaultError } from './InjectedFaultError';
import { loadFaultPlan } from './loadFaultPlan';
import { withPublisherFaults } from './withPublisherFaults';
import { withTransactionFaults } from './withTransactionFaults';

const sequence =
  (...values: number[]) =>
  () =>
    values.shift() ?? 1;

describe('loadFaultPlan', () => {
  it('is off without FAULTS', () => {
    expect(loadFaultPlan({})).toEqual(noFaults);
  });

  it('ignores FAULTS where the stage does not allow fault injection', () => {
    expect(loadFaultPlan({ FAULTS: '{"crashBeforeCommit":1}' })).toEqual(noFaults);
    expect(loadFaultPlan({ FAULTS: '{"crashBeforeCommit":1}', FAULT_INJECTION_ALLOWED: 'false' })).toEqual(
      noFaults,
    );
  });

  it('reads a plan where allowed, defaulting the rest to zero', () => {
    expect(loadFaultPlan({ FAULTS: '{"crashAfterCommit":0.1}', FAULT_INJECTION_ALLOWED: 'true' })).toEqual({
      ...noFaults,
      crashAfterCommit: 0.1,
    });
  });

  it('rejects an invalid plan', () => {
    expect(() =>
      loadFaultPlan({ FAULTS: '{"crashBeforeCommit":2}', FAULT_INJECTION_ALLOWED: 'true' }),
    ).toThrow('Invalid FAULTS');
    expect(() => loadFaultPlan({ FAULTS: '{"explode":1}', FAULT_INJECTION_ALLOWED: 'true' })).toThrow(
      'Invalid FAULTS',
    );
  });
});

describe('withTransactionFaults', () => {
  const writer = () => {
    const writes: number[] = [];
    return { writes, write: async (items: readonly unknown[]) => void writes.push(items.length) };
  };

  it('returns the writer untouched without faults', () => {
    const inner = writer();
    expect(withTransactionFaults(inner, noFaults)).toBe(inner);
  });

  it('crashes before the commit: nothing written', async () => {
    const inner = writer();
    const faulty = withTransactionFaults(inner, { ...noFaults, crashBeforeCommit: 0.5 }, sequence(0.1));
    await expect(faulty.write([{}])).rejects.toBeInstanceOf(InjectedFaultError);
    expect(inner.writes).toEqual([]);
  });

  it('crashes after the commit: written, yet the caller sees a failure', async () => {
    const inner = writer();
    const faulty = withTransactionFaults(inner, { ...noFaults, crashAfterCommit: 0.5 }, sequence(0.9, 0.1));
    await expect(faulty.write([{}, {}])).rejects.toThrow('after commit');
    expect(inner.writes).toEqual([2]);
  });
});

describe('withPublisherFaults', () => {
  const envelopes = [1, 2, 3].map(
    (n) => buildTestEnvelope('order.created', undefined, { eventId: `e${n}` }) as AnyEventEnvelope,
  );

  it('fails some entries without sending them and sends others twice', async () => {
    const sent: string[] = [];
    const inner = {
      publish: async (batch: readonly AnyEventEnvelope[]) => {
        sent.push(...batch.map((e) => e.eventId));
        return { published: batch.map((e) => e.eventId), failed: [] };
      },
    };
    // e1: fail; e2: not failed, duplicated; e3: neither.
    const faulty = withPublisherFaults(
      inner,
      { ...noFaults, failPublish: 0.5, duplicatePublish: 0.5 },
      sequence(0.1, 0.9, 0.1, 0.9, 0.9),
    );
    const result = await faulty.publish(envelopes);
    expect(sent).toEqual(['e2', 'e2', 'e3']);
    expect(result.published).toEqual(['e2', 'e3']);
    expect(result.failed).toEqual([{ eventId: 'e1', reason: 'injected PutEvents entry failure' }]);
  });
});

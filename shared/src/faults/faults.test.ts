import type { AnyEventEnvelope } from '../events/EventEnvelope';
import { buildTestEnvelope } from '../testing/buildTestEnvelope';
import { noFaults, planFor } from './FaultPlan';
import { InjectedFaultError } from './InjectedFaultError';
import { loadFaultPlans } from './loadFaultPlans';
import { withPublisherFaults } from './withPublisherFaults';
import { withTransactionFaults } from './withTransactionFaults';

const sequence =
  (...values: number[]) =>
  () =>
    values.shift() ?? 1;

describe('loadFaultPlans', () => {
  it('is off without FAULTS', () => {
    expect(loadFaultPlans({})).toEqual([]);
    expect(loadFaultPlans({ FAULTS: '[]', FAULT_INJECTION_ALLOWED: 'true' })).toEqual([]);
  });

  it('ignores FAULTS where the stage does not allow fault injection', () => {
    expect(loadFaultPlans({ FAULTS: '{"crashBeforeCommit":1}' })).toEqual([]);
    expect(loadFaultPlans({ FAULTS: '{"crashBeforeCommit":1}', FAULT_INJECTION_ALLOWED: 'false' })).toEqual(
      [],
    );
  });

  it('reads a plan where allowed, defaulting the rest to zero', () => {
    expect(loadFaultPlans({ FAULTS: '{"crashAfterCommit":0.1}', FAULT_INJECTION_ALLOWED: 'true' })).toEqual([
      { ...noFaults, crashAfterCommit: 0.1 },
    ]);
  });

  it('reads several scoped plans', () => {
    const FAULTS = '[{"scope":"run-a","skipPublish":1},{"scope":"run-b","crashBeforeCommit":1}]';
    expect(loadFaultPlans({ FAULTS, FAULT_INJECTION_ALLOWED: 'true' })).toEqual([
      { ...noFaults, scope: 'run-a', skipPublish: 1 },
      { ...noFaults, scope: 'run-b', crashBeforeCommit: 1 },
    ]);
  });

  it('rejects an invalid plan', () => {
    expect(() =>
      loadFaultPlans({ FAULTS: '{"crashBeforeCommit":2}', FAULT_INJECTION_ALLOWED: 'true' }),
    ).toThrow('Invalid FAULTS');
    expect(() => loadFaultPlans({ FAULTS: '{"explode":1}', FAULT_INJECTION_ALLOWED: 'true' })).toThrow(
      'Invalid FAULTS',
    );
    expect(() => loadFaultPlans({ FAULTS: 'crash', FAULT_INJECTION_ALLOWED: 'true' })).toThrow(
      'Invalid FAULTS: not JSON',
    );
  });
});

describe('planFor', () => {
  const a = { ...noFaults, scope: 'run-a', crashBeforeCommit: 1 };
  const everything = { ...noFaults, failPublish: 1 };

  it('picks the first plan whose scope the work mentions', () => {
    expect(planFor([a], { data: { customerId: 'run-a-c1' } })).toBe(a);
    expect(planFor([a, everything], { data: { customerId: 'run-b-c1' } })).toBe(everything);
  });

  it('faults nothing outside every scope', () => {
    expect(planFor([a], { data: { customerId: 'other' } })).toEqual(noFaults);
    expect(planFor([], {})).toEqual(noFaults);
  });
});

describe('withTransactionFaults', () => {
  const writer = () => {
    const writes: number[] = [];
    return { writes, write: async (items: readonly unknown[]) => void writes.push(items.length) };
  };

  it('returns the writer untouched without faults', () => {
    const inner = writer();
    expect(withTransactionFaults(inner, [])).toBe(inner);
    expect(withTransactionFaults(inner, [noFaults])).toBe(inner);
  });

  it('crashes before the commit: nothing written', async () => {
    const inner = writer();
    const faulty = withTransactionFaults(inner, [{ ...noFaults, crashBeforeCommit: 0.5 }], sequence(0.1));
    await expect(faulty.write([{}])).rejects.toBeInstanceOf(InjectedFaultError);
    expect(inner.writes).toEqual([]);
  });

  it('crashes after the commit: written, yet the caller sees a failure', async () => {
    const inner = writer();
    const faulty = withTransactionFaults(inner, [{ ...noFaults, crashAfterCommit: 0.5 }], sequence(0.9, 0.1));
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
      [{ ...noFaults, failPublish: 0.5, duplicatePublish: 0.5 }],
      // Per envelope: skip?, fail?, duplicate? (e1: fail; e2: duplicate; e3: neither).
      sequence(0.9, 0.1, 0.9, 0.9, 0.1, 0.9, 0.9, 0.9),
    );
    const result = await faulty.publish(envelopes);
    expect(sent).toEqual(['e2', 'e2', 'e3']);
    expect(result.published).toEqual(['e2', 'e3']);
    expect(result.failed).toEqual([{ eventId: 'e1', reason: 'injected PutEvents entry failure' }]);
  });
});

describe('scoped faults', () => {
  const recordingPublisher = () => {
    const sent: string[] = [];
    return {
      sent,
      publish: async (batch: readonly AnyEventEnvelope[]) => {
        sent.push(...batch.map((e) => e.eventId));
        return { published: batch.map((e) => e.eventId), failed: [] };
      },
    };
  };

  it('skips an event in scope silently: neither sent nor reported failed, so it stays pending', async () => {
    const inner = recordingPublisher();
    const mine = buildTestEnvelope('order.created', { customerId: 'run-a-c1' }, { eventId: 'mine' });
    const theirs = buildTestEnvelope('order.created', { customerId: 'other' }, { eventId: 'theirs' });
    const faulty = withPublisherFaults(inner, [{ ...noFaults, scope: 'run-a', skipPublish: 1 }]);
    const result = await faulty.publish([mine, theirs] as AnyEventEnvelope[]);
    expect(inner.sent).toEqual(['theirs']);
    expect(result).toEqual({ published: ['theirs'], failed: [] });
  });

  it('crashes only transactions that mention the scope', async () => {
    const writes: unknown[] = [];
    const faulty = withTransactionFaults({ write: async (items) => void writes.push(items) }, [
      { ...noFaults, scope: 'run-a', crashBeforeCommit: 1 },
    ]);
    await expect(
      faulty.write([{ Put: { TableName: 't', Item: { customerId: { S: 'run-a-c1' } } } }]),
    ).rejects.toBeInstanceOf(InjectedFaultError);
    await faulty.write([{ Put: { TableName: 't', Item: { customerId: { S: 'other' } } } }]);
    expect(writes).toHaveLength(1);
  });
});

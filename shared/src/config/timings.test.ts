import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readInfraFragment, readStackFile } from '../testing/readInfraFragment';

interface Timings {
  schedulePeriodSeconds: number;
  pipeMaximumRecordAgeSeconds: number;
  sweepGraceSeconds: number;
  worstPublicationSeconds: number;
  sagaDeadlineSeconds: number;
  reconcileGraceSeconds: number;
  reconcilePeriodSeconds: number;
  scheduledJobTimeoutSeconds: number;
  worstSettleSeconds: number;
  apiGatewayIntegrationTimeoutSeconds: number;
  apiFunctionTimeoutSeconds: number;
}
interface FunctionDefinition {
  timeout?: unknown;
  events?: Record<string, unknown>[];
}
type Resolver = (context: { resolveVariable: (name: string) => Promise<string> }) => Promise<unknown>;

// The module the stacks resolve with ${file(../../shared/infra/timings.js):…}.
const timings = require('../../infra/timings.js') as {
  timingsFor: (stage: string, publisher: string) => Timings;
  rate: (seconds: number) => string;
} & Record<
  | 'sweepGraceSeconds'
  | 'sagaDeadlineSeconds'
  | 'pipeMaximumRecordAgeSeconds'
  | 'schedule'
  | 'scheduledJobTimeoutSeconds'
  | 'apiFunctionTimeoutSeconds',
  Resolver
>;

const cases = ['local', 'prod'].flatMap((stage) =>
  ['relay', 'pipe'].map((publisher) => ({ stage, publisher, t: timings.timingsFor(stage, publisher) })),
);

describe('timings: deadlines derived from what they must outlast, never equal to it', () => {
  it.each(cases)('$stage/$publisher: the saga deadline outlasts two sweeper-only hops', ({ t }) => {
    const twoHops = 2 * (t.sweepGraceSeconds + t.schedulePeriodSeconds);
    expect(t.sagaDeadlineSeconds).toBeGreaterThan(twoHops);
  });

  it.each(cases)('$stage/$publisher: the reconciler waits past one worst-case publication', ({ t }) => {
    expect(t.reconcileGraceSeconds).toBeGreaterThan(t.sweepGraceSeconds + t.schedulePeriodSeconds);
    expect(t.reconcilePeriodSeconds).toBeGreaterThanOrEqual(60);
  });

  it.each(cases)(
    '$stage/$publisher: waiting for every order to settle outlasts a saga of sweeper-only hops and a timed-out one',
    ({ t }) => {
      const sweptHop = t.sweepGraceSeconds + t.schedulePeriodSeconds;
      expect(t.worstSettleSeconds).toBeGreaterThan(4 * sweptHop);
      expect(t.worstSettleSeconds).toBeGreaterThan(
        t.sagaDeadlineSeconds + t.schedulePeriodSeconds + t.scheduledJobTimeoutSeconds + 2 * sweptHop,
      );
    },
  );

  it.each(cases)('$stage/$publisher: a scheduled run ends before the next one starts', ({ t }) => {
    expect(t.scheduledJobTimeoutSeconds).toBeGreaterThan(0);
    expect(t.scheduledJobTimeoutSeconds).toBeLessThan(t.schedulePeriodSeconds);
  });

  it.each(cases)(
    '$stage/$publisher: an API function ends before API Gateway stops waiting for it',
    ({ t }) => {
      expect(t.apiFunctionTimeoutSeconds).toBeLessThan(t.apiGatewayIntegrationTimeoutSeconds);
      expect(t.apiFunctionTimeoutSeconds).toBeGreaterThanOrEqual(t.apiGatewayIntegrationTimeoutSeconds - 1);
    },
  );

  it.each(cases.filter(({ publisher }) => publisher === 'pipe'))(
    '$stage/pipe: the sweeper never races the pipe (grace past its maximum record age)',
    ({ t }) => {
      expect(t.sweepGraceSeconds).toBeGreaterThan(t.pipeMaximumRecordAgeSeconds);
    },
  );

  it('keeps the values the README documents', () => {
    expect(timings.timingsFor('local', 'relay')).toMatchObject({
      sweepGraceSeconds: 20,
      sagaDeadlineSeconds: 200,
      worstSettleSeconds: 555,
    });
    expect(timings.timingsFor('prod', 'relay')).toMatchObject({
      sweepGraceSeconds: 60,
      sagaDeadlineSeconds: 280,
    });
    expect(timings.timingsFor('prod', 'pipe')).toMatchObject({
      sweepGraceSeconds: 90,
      sagaDeadlineSeconds: 340,
    });
  });

  it('resolves for the stage and publisher being deployed, as Serverless calls it', async () => {
    const variables: Record<string, string> = { 'sls:stage': 'local', 'param:publisher': 'pipe' };
    const resolveVariable = async (name: string) => variables[name] ?? '';
    expect(await timings.sweepGraceSeconds({ resolveVariable })).toBe('90');
    expect(await timings.sagaDeadlineSeconds({ resolveVariable })).toBe('340');
    expect(await timings.pipeMaximumRecordAgeSeconds({ resolveVariable })).toBe(60);
    expect(await timings.schedule({ resolveVariable })).toBe('rate(1 minute)');
    expect(await timings.scheduledJobTimeoutSeconds({ resolveVariable })).toBe(55);
    expect(await timings.apiFunctionTimeoutSeconds({ resolveVariable })).toBe(28);
    expect(() => timings.rate(90)).toThrow(/whole minutes/);
  });

  it('the stacks read every one of these timings from timings.js, never a copy', () => {
    const sweeper = readInfraFragment<{ sweepOutbox: { environment: Record<string, string> } }>(
      'outbox-sweeper.functions.yml',
    );
    expect(sweeper.sweepOutbox.environment.SWEEP_GRACE_SECONDS).toContain('timings.js):sweepGraceSeconds}');
    const pipe = JSON.stringify(readInfraFragment('outbox-publisher-pipe.yml'));
    expect(pipe).toContain('timings.js):pipeMaximumRecordAgeSeconds}');
    const orders = readFileSync(join(__dirname, '../../../services/orders/serverless.yml'), 'utf8');
    expect(orders).toMatch(/SAGA_DEADLINE_SECONDS: .*timings\.js\):sagaDeadlineSeconds\}/);
    expect(orders).not.toMatch(/sagaDeadlineSeconds:|sweepGraceSeconds:/);
    // Every function behind the REST API (an `http` event) takes its timeout from timings.js.
    const { functions } = readStackFile<{ functions: Record<string, FunctionDefinition>[] }>(
      'services/orders/serverless.yml',
    );
    const api = functions
      .flatMap((group) => Object.entries(group))
      .filter(([, fn]) => fn.events?.some((event) => 'http' in event));
    expect(api.map(([name]) => name)).toEqual(['createOrder', 'getOrder', 'getOrderSaga']);
    for (const [, fn] of api) {
      expect(fn.timeout).toMatch(
        /^\$\{file\(\.\.\/\.\.\/shared\/infra\/timings\.js\):apiFunctionTimeoutSeconds\}$/,
      );
    }
  });
});

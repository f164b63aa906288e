// Every timing the saga's guarantees rest on, in one place. The stacks read the derived values with
// ${file(../../shared/infra/timings.js):<name>}, which resolves them for the deploy's stage and
// publisher; timings.test.ts fails if a change makes a deadline meet what it must outlast.

/** rate(1 minute): the shortest period an EventBridge schedule allows (sweeper, deadline, reconciler). */
const SCHEDULE_PERIOD_SECONDS = 60;
/** relay: it marks what it publishes at once, so an item still pending after this was missed. */
const RELAY_GRACE_SECONDS = { local: 20, default: 60 };
/** pipe: after this age a stream record goes to the DLQ and the sweeper owns it. */
const PIPE_MAXIMUM_RECORD_AGE_SECONDS = 60;
/** pipe: bus → confirmation queue → outbox item marked published. */
const CONFIRMATION_ALLOWANCE_SECONDS = 30;
/** One hop's delivery from the bus through an inbox queue to its consumer, on top of publication. */
const CONSUMER_ALLOWANCE_SECONDS = 40;
/** Saga hops that may each be published by the sweeper alone: order.created, then inventory.reserved. */
const SWEEPER_ONLY_HOPS = 2;
/** A confirmed saga's events one after another: order.created, inventory.reserved, payment.succeeded, order.confirmed. */
const SAGA_HOPS = 4;
/** A timed-out saga's compensation after the deadline check: order.cancelled, then inventory.released. */
const COMPENSATION_HOPS = 2;
/** API Gateway (REST) answers 504 once an integration has run this long: its default and maximum. */
const API_GATEWAY_INTEGRATION_TIMEOUT_SECONDS = 29;

const timingsFor = (stage, publisher) => {
  if (publisher !== 'relay' && publisher !== 'pipe') throw new Error(`Unknown publisher "${publisher}"`);
  // pipe: longer than the pipe's maximum record age plus confirmation, so the sweeper never races it.
  const pipeGraceSeconds = PIPE_MAXIMUM_RECORD_AGE_SECONDS + CONFIRMATION_ALLOWANCE_SECONDS;
  const sweepGraceSeconds =
    publisher === 'pipe' ? pipeGraceSeconds : (RELAY_GRACE_SECONDS[stage] ?? RELAY_GRACE_SECONDS.default);
  // The publisher's worst case for one event: pending past the grace, then taken by the next sweep.
  const worstPublicationSeconds = sweepGraceSeconds + SCHEDULE_PERIOD_SECONDS;
  const worstHopSeconds = worstPublicationSeconds + CONSUMER_ALLOWANCE_SECONDS;
  const sagaDeadlineSeconds = SWEEPER_ONLY_HOPS * worstPublicationSeconds + CONSUMER_ALLOWANCE_SECONDS;
  // A scheduled job's Lambda timeout: its fan-outs query every index shard (a few at a time, slow on a
  // busy emulator), and it must end before the next run starts. Its work lands up to this late.
  const scheduledJobTimeoutSeconds = SCHEDULE_PERIOD_SECONDS - 5;
  return {
    schedulePeriodSeconds: SCHEDULE_PERIOD_SECONDS,
    pipeMaximumRecordAgeSeconds: PIPE_MAXIMUM_RECORD_AGE_SECONDS,
    sweepGraceSeconds,
    worstPublicationSeconds,
    // Longer than the longest quiet gap of a healthy saga: its sweeper-only hops, one after another.
    sagaDeadlineSeconds,
    // A terminal saga's effects are checked once its last event has had a full hop to land.
    reconcileGraceSeconds: worstHopSeconds,
    reconcilePeriodSeconds: SCHEDULE_PERIOD_SECONDS,
    scheduledJobTimeoutSeconds,
    // The longest an accepted order may take to end with every effect applied, each event published by
    // the sweeper alone: a confirmation's whole chain, or the deadline, the check that cancels the saga
    // (to its run's end) and the compensation. Whoever waits for every order to settle waits this long.
    worstSettleSeconds: Math.max(
      SAGA_HOPS * worstHopSeconds,
      sagaDeadlineSeconds +
        SCHEDULE_PERIOD_SECONDS +
        scheduledJobTimeoutSeconds +
        COMPENSATION_HOPS * worstHopSeconds,
    ),
    apiGatewayIntegrationTimeoutSeconds: API_GATEWAY_INTEGRATION_TIMEOUT_SECONDS,
    // An API function's Lambda timeout: as long as API Gateway waits, less one second, so a slow request
    // ends as the function's own error (502) instead of a 504 while it still runs. Shorter would fail
    // requests API Gateway still waits for: a burst of cold starts on a 2-core emulator took 12 s.
    apiFunctionTimeoutSeconds: API_GATEWAY_INTEGRATION_TIMEOUT_SECONDS - 1,
  };
};

const rate = (seconds) =>
  seconds % 60 === 0
    ? `rate(${seconds / 60} ${seconds === 60 ? 'minute' : 'minutes'})`
    : (() => {
        throw new Error(`A schedule period must be whole minutes, got ${seconds} s`);
      })();

/** Serverless calls these with its resolver: the values for the stage and publisher being deployed. */
const resolved =
  (pick) =>
  async ({ resolveVariable }) => {
    const stage = await resolveVariable('sls:stage');
    const publisher = await resolveVariable('param:publisher');
    return pick(timingsFor(stage, publisher));
  };

module.exports = {
  timingsFor,
  rate,
  // Numbers for CloudFormation properties, text for Lambda environment values.
  pipeMaximumRecordAgeSeconds: resolved((t) => t.pipeMaximumRecordAgeSeconds),
  sweepGraceSeconds: resolved((t) => String(t.sweepGraceSeconds)),
  sagaDeadlineSeconds: resolved((t) => String(t.sagaDeadlineSeconds)),
  reconcileGraceSeconds: resolved((t) => String(t.reconcileGraceSeconds)),
  schedule: resolved((t) => rate(t.schedulePeriodSeconds)),
  scheduledJobTimeoutSeconds: resolved((t) => t.scheduledJobTimeoutSeconds),
  apiFunctionTimeoutSeconds: resolved((t) => t.apiFunctionTimeoutSeconds),
};

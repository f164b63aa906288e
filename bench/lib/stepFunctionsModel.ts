/**
 * The same saga orchestrated by a Step Functions state machine, for comparison. A confirmed order
 * executes seven states: reserve stock (task), a Choice on its outcome, charge (task), a Choice,
 * confirm order (task), award points (task), succeed. Standard bills each state transition; a
 * compensation path is longer, so the happy path is the cheapest case.
 */
export const SAGA_STATE_TRANSITIONS = 7;

/** Express bills at least 64 MB and per 100 ms of the execution's duration. */
const EXPRESS_MEMORY_GB = 64 / 1024;

export interface StepFunctionsPrices {
  readonly stepFunctionsStandardPerThousandTransitions: number;
  readonly stepFunctionsExpressPerMillionRequests: number;
  readonly stepFunctionsExpressPerGbSecond: number;
}

/** Orchestration dollars per million sagas (the tasks' own Lambda and DynamoDB work excluded). */
export const stepFunctionsPerMillion = (prices: StepFunctionsPrices, sagaSeconds: number) => {
  const billedSeconds = Math.max(0.1, Math.ceil(sagaSeconds * 10) / 10);
  return {
    standard: SAGA_STATE_TRANSITIONS * 1000 * prices.stepFunctionsStandardPerThousandTransitions,
    express:
      prices.stepFunctionsExpressPerMillionRequests +
      1_000_000 * billedSeconds * EXPRESS_MEMORY_GB * prices.stepFunctionsExpressPerGbSecond,
  };
};

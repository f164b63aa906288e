import {
  GetFunctionConfigurationCommand,
  LambdaClient,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { functionName, publishingServiceNames, services } from '@saga/shared';
import { awsClientConfig, emulatorEndpoint } from './awsClientConfig';
import { withFileLock } from './withFileLock';

/** The functions chaos runs inject faults into, by role. */
export const chaosTargets = (stage: string) => ({
  consumers: services.map((service) => functionName(service.name, stage, service.consumer)),
  relays: publishingServiceNames.map((service) => functionName(service, stage, 'relayOutbox')),
});

const waitUntilUpdated = async (client: LambdaClient, FunctionName: string) => {
  for (let i = 0; i < 60; i++) {
    const config = await client.send(new GetFunctionConfigurationCommand({ FunctionName }));
    if (config.LastUpdateStatus !== 'InProgress') return config;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${FunctionName} configuration update did not finish`);
};

type ScopedPlan = Record<string, unknown> & { scope?: string };

const currentPlans = (raw: string | undefined): ScopedPlan[] => {
  const text = raw?.trim();
  if (!text) return [];
  const parsed = JSON.parse(text) as ScopedPlan | ScopedPlan[];
  return Array.isArray(parsed) ? parsed : [parsed];
};

/**
 * Sets (or clears, with undefined) one scope's faults in the FAULTS variable of deployed functions
 * through the Lambda API: configuration, not code. Other scopes' plans are kept, so tests running
 * side by side each fault only their own work (orders, customers or products whose ids contain
 * `scope`). Functions only honour FAULTS where the stage allows fault injection.
 */
export const setFaults = async (
  functionNames: readonly string[],
  scope: string,
  faults: object | undefined,
) => {
  const client = new LambdaClient(awsClientConfig);
  try {
    for (const FunctionName of functionNames) {
      // Read-modify-write of one function's environment: one writer at a time on this machine.
      await withFileLock(`faults-${emulatorEndpoint}-${FunctionName}`, async () => {
        const current = await waitUntilUpdated(client, FunctionName);
        const variables: Record<string, string> = { ...(current.Environment?.Variables ?? {}) };
        if (faults && variables.FAULT_INJECTION_ALLOWED !== 'true') {
          throw new Error(`${FunctionName} does not allow fault injection on this stage`);
        }
        const plans = currentPlans(variables.FAULTS).filter((plan) => plan.scope !== scope);
        if (faults) plans.push({ ...faults, scope });
        const wanted = plans.length > 0 ? JSON.stringify(plans) : '';
        // A configuration change restarts the function on the emulators: none when nothing changes.
        if ((variables.FAULTS ?? '') === wanted) return;
        variables.FAULTS = wanted;
        await client.send(
          new UpdateFunctionConfigurationCommand({ FunctionName, Environment: { Variables: variables } }),
        );
        await waitUntilUpdated(client, FunctionName);
      });
    }
  } finally {
    client.destroy();
  }
};

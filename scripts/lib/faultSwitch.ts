import {
  GetFunctionConfigurationCommand,
  LambdaClient,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { functionName, publishingServiceNames, services } from '@saga/shared';
import { awsClientConfig } from './awsClientConfig';

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

/**
 * Sets (or clears, with undefined) the FAULTS variable of deployed functions through the Lambda
 * API: configuration, not code. Functions only honour it where the stage allows fault injection.
 */
export const setFaults = async (functionNames: readonly string[], faults: object | undefined) => {
  const client = new LambdaClient(awsClientConfig);
  try {
    for (const FunctionName of functionNames) {
      const current = await client.send(new GetFunctionConfigurationCommand({ FunctionName }));
      const variables: Record<string, string> = {
        ...(current.Environment?.Variables ?? {}),
        FAULTS: faults ? JSON.stringify(faults) : '',
      };
      if (faults && variables.FAULT_INJECTION_ALLOWED !== 'true') {
        throw new Error(`${FunctionName} does not allow fault injection on this stage`);
      }
      await client.send(
        new UpdateFunctionConfigurationCommand({ FunctionName, Environment: { Variables: variables } }),
      );
      await waitUntilUpdated(client, FunctionName);
    }
  } finally {
    client.destroy();
  }
};

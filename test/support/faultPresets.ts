import { randomUUID } from 'node:crypto';
import { consumerFunctionName, functionName } from '@saga/shared';
import { chaosTargets, setFaults } from '../../scripts/lib/faultSwitch';
import { chaosFaults } from '../../scripts/lib/runChaos';

/**
 * The faults the suites inject, switched on before the first suite starts and off after the last one
 * ends. A fault switch is a change of the function's configuration, which restarts it on the emulators:
 * every delivery in flight to it, whichever suite's, comes back only after the inbox's visibility
 * timeout. Switched by each suite as it ran, they cost the sagas other suites placed meanwhile one or
 * two redeliveries (44–64 s of a 90 s wait on LocalStack). Each preset is scoped to an id that only its
 * suite's work contains, so having it on the whole time changes nothing for the others.
 */
const presets = (stage: string) => {
  const chaos = chaosTargets(stage);
  return {
    chaos: [
      { functions: chaos.consumers, faults: chaosFaults.consumers },
      { functions: chaos.relays, faults: chaosFaults.relays },
    ],
    // A participant that keeps crashing (test/sagaDeadline.int.ts).
    deadline: [{ functions: [consumerFunctionName('inventory', stage)], faults: { crashBeforeCommit: 1 } }],
    // A relay that never publishes (test/outboxSweeper.int.ts).
    sweeper: [{ functions: [functionName('orders', stage, 'relayOutbox')], faults: { skipPublish: 1 } }],
  };
};

export type FaultPreset = keyof ReturnType<typeof presets>;

const scopeVariable = (preset: FaultPreset) => `SAGA_FAULT_SCOPE_${preset.toUpperCase()}`;

/** The id a preset's faults are scoped to in this run: its suite puts it in the ids of the work to fault. */
export const faultScope = (preset: FaultPreset): string => {
  const scope = process.env[scopeVariable(preset)];
  if (!scope) {
    throw new Error(
      `${scopeVariable(preset)} is not set: the integration project's globalSetup switches faults on`,
    );
  }
  return scope;
};

/** The functions a preset faults, for a suite that switches its preset off early. */
export const faultedFunctions = (stage: string, preset: FaultPreset): string[] =>
  presets(stage)[preset].flatMap(({ functions }) => functions);

const presetNames = (stage: string) => Object.keys(presets(stage)) as FaultPreset[];

/** Switches every preset on, each under a fresh scope that the test processes read from the environment. */
export const switchFaultPresetsOn = async (stage: string): Promise<void> => {
  for (const preset of presetNames(stage)) {
    const scope = `${preset}-${randomUUID().slice(0, 8)}`;
    process.env[scopeVariable(preset)] = scope;
    for (const { functions, faults } of presets(stage)[preset]) await setFaults(functions, scope, faults);
  }
};

/** Switches off what switchFaultPresetsOn switched on (a preset already off is left alone). */
export const switchFaultPresetsOff = async (stage: string): Promise<void> => {
  for (const preset of presetNames(stage)) {
    const scope = process.env[scopeVariable(preset)];
    if (scope) await setFaults(faultedFunctions(stage, preset), scope, undefined);
  }
};

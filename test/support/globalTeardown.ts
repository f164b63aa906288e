import { loadDeployment } from '../../scripts/lib/loadDeployment';
import { switchFaultPresetsOff } from './faultPresets';

// biome-ignore lint/style/noDefaultExport: Jest loads globalTeardown through its default export.
export default async function globalTeardown(): Promise<void> {
  // The deployment outlives the run (make demo, the next phase): no fault is left on.
  await switchFaultPresetsOff((await loadDeployment()).stage);
  if (process.env.TEST_TARGET === 'localstack-container') {
    const { stopLocalStackContainer } = await import('./startLocalStackContainer');
    await stopLocalStackContainer();
  }
}

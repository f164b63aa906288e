import { loadDeployment } from '../../scripts/lib/loadDeployment';
import { switchFaultPresetsOn } from './faultPresets';
import globalSetup from './globalSetup';

/** The integration project: a deployed system, then every suite's faults on before any suite starts. */
// biome-ignore lint/style/noDefaultExport: Jest loads globalSetup through its default export.
export default async function integrationGlobalSetup(): Promise<void> {
  await globalSetup();
  await switchFaultPresetsOn((await loadDeployment()).stage);
}

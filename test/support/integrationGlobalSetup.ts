import globalSetup from './globalSetup';

/** The integration project: a deployed system, then every suite's faults on before any suite starts. */
// biome-ignore lint/style/noDefaultExport: Jest loads globalSetup through its default export.
export default async function integrationGlobalSetup(): Promise<void> {
  await globalSetup();
  // Imported only now: the AWS client settings are read when their module loads, and globalSetup may
  // just have set EMULATOR_PORT (TEST_TARGET=localstack-container).
  const [{ stage }, { switchFaultPresetsOn }] = await Promise.all([
    import('../../scripts/lib/awsClientConfig'),
    import('./faultPresets'),
  ]);
  await switchFaultPresetsOn(stage);
}

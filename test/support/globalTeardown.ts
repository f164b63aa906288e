// biome-ignore lint/style/noDefaultExport: Jest loads globalTeardown through its default export.
export default async function globalTeardown(): Promise<void> {
  // The deployment outlives the run (make demo, the next phase): no fault is left on.
  const [{ stage }, { switchFaultPresetsOff }] = await Promise.all([
    import('../../scripts/lib/awsClientConfig'),
    import('./faultPresets'),
  ]);
  await switchFaultPresetsOff(stage);
  if (process.env.TEST_TARGET === 'localstack-container') {
    const { stopLocalStackContainer } = await import('./startLocalStackContainer');
    await stopLocalStackContainer();
  }
}

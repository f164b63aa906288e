// biome-ignore lint/style/noDefaultExport: Jest loads globalTeardown through its default export.
export default async function globalTeardown(): Promise<void> {
  if (process.env.TEST_TARGET === 'localstack-container') {
    const { stopLocalStackContainer } = await import('./startLocalStackContainer');
    await stopLocalStackContainer();
  }
}

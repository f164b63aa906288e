import { execFileSync } from 'node:child_process';

/**
 * Makes sure the suite has a deployed system to talk to, and fails loudly otherwise: an
 * integration suite that cannot reach an emulator must fail, never skip.
 * TEST_TARGET=localstack-container starts LocalStack with testcontainers and deploys into it.
 */
// biome-ignore lint/style/noDefaultExport: Jest loads globalSetup through its default export.
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_TARGET === 'localstack-container') {
    const { startLocalStackContainer } = await import('./startLocalStackContainer');
    const port = await startLocalStackContainer();
    process.env.EMULATOR_PORT = String(port);
    execFileSync('make', ['--no-print-directory', 'deploy-stacks'], {
      stdio: 'inherit',
      env: { ...process.env, EMULATOR_PORT: String(port) },
    });
  }
  const port = process.env.EMULATOR_PORT ?? '4566';
  const health = `http://127.0.0.1:${port}/_localstack/health`;
  try {
    const response = await fetch(health);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    throw new Error(
      `No emulator answers at ${health} (${String(error)}). Run \`make test\`, or \`make deploy\` before \`make test-integration\`.`,
    );
  }
  const { loadDeployment } = await import('../../scripts/lib/loadDeployment');
  await loadDeployment();
}

import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(__dirname, '..');

/**
 * `make down` on a LocalStack-host run: a function process started while LocalStack was shutting
 * down (after down.sh first recorded what was running) must still be stopped, or leftovers.sh fails
 * the phase. The emulator here is a stand-in script that starts such a process on TERM, then exits.
 */
describe('localstack/down.sh', () => {
  const port = `test-${randomUUID().slice(0, 8)}`;
  const runDir = join(root, '.run', `emulator-${port}`);
  const env = { ...process.env, EMULATOR_PORT: port };
  const stopped: number[] = [];
  afterAll(() => {
    // Whatever a failed run left: the stand-in emulator and its late process.
    const pids = [...stopped, ...readdirSync(join(runDir, 'function-pids')).map(Number)];
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(runDir, { recursive: true, force: true });
  });

  it('stops a function process started during the emulator shutdown, and leftovers.sh finds none', async () => {
    mkdirSync(join(runDir, 'function-pids'), { recursive: true });
    const emulator = join(runDir, 'fake-localstack.sh');
    writeFileSync(
      emulator,
      `#!/usr/bin/env bash
trap 'sleep 300 & echo "late function" > "${runDir}/function-pids/$!"; exit 0' TERM
while :; do sleep 0.1; done
`,
    );
    chmodSync(emulator, 0o755);
    const child = spawn(emulator, [], { detached: true, stdio: 'ignore' });
    child.unref();
    if (child.pid) stopped.push(child.pid);
    writeFileSync(join(runDir, 'emulator'), 'localstack-host\n');
    writeFileSync(join(runDir, 'emulator.pid'), `${child.pid}\n`);

    const down = await run('bash', [join(root, 'localstack/down.sh')], { env, cwd: root });
    expect(down.stdout).toMatch(/stopping leftover \d+: sleep 300/);
    const leftovers = await run('bash', [join(root, 'localstack/leftovers.sh')], { env, cwd: root });
    expect(leftovers.stdout).toContain(`no process of the emulator run on port ${port} is left`);
  }, 30_000);
});

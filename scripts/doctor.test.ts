import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { refusedPort } from '@saga/shared/testing';

const doctor = join(__dirname, 'doctor.sh');

/** One directory with every command of this PATH (first one wins) except the hidden ones. */
const pathWithout = (dir: string, hidden: string[]) => {
  for (const from of (process.env.PATH ?? '').split(delimiter)) {
    if (!from || !existsSync(from)) continue;
    for (const name of readdirSync(from)) {
      if (hidden.includes(name) || existsSync(join(dir, name))) continue;
      symlinkSync(join(from, name), join(dir, name));
    }
  }
  return dir;
};

const runDoctor = async (path: string) =>
  spawnSync('bash', [doctor], {
    encoding: 'utf8',
    env: { ...process.env, PATH: path, EMULATOR_PORT: String(await refusedPort()), EMULATOR: '' },
    timeout: 60_000,
  });

describe('make doctor', () => {
  let bin: string;
  beforeEach(() => {
    bin = mkdtempSync(join(tmpdir(), 'doctor-path-'));
  });
  afterEach(() => rmSync(bin, { recursive: true, force: true }));

  // This machine has every prerequisite (the unit tests themselves need Java and Node).
  it('passes with the full PATH and reports each check', async () => {
    const result = await runDoctor(process.env.PATH ?? '');
    expect(result.stdout).toMatch(/ok +Node\.js/);
    expect(result.stdout).toMatch(/ok +Java/);
    expect(result.stdout).toMatch(/ok +port \d+ is free/);
    expect(result.status).toBe(0);
  }, 90_000);

  it('fails without java and prints the install command for Debian/Ubuntu and macOS', async () => {
    const result = await runDoctor(pathWithout(bin, ['java']));
    expect(result.stdout).toContain('MISSING  Java 17');
    expect(result.stdout).toContain('Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless');
    expect(result.stdout).toContain('macOS:         brew install openjdk@17');
    expect(result.stdout).toMatch(/ok +Node\.js/);
    expect(result.status).toBe(1);
  }, 90_000);

  it('fails when the emulator port is held by something that is not an emulator', async () => {
    const server = createServer((socket) => socket.destroy());
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      }),
    );
    try {
      const result = spawnSync('bash', [doctor], {
        encoding: 'utf8',
        env: { ...process.env, EMULATOR_PORT: String(port) },
        timeout: 60_000,
      });
      expect(result.stdout).toContain(`MISSING  port ${port} is held by a process that is not an emulator`);
      expect(result.status).toBe(1);
    } finally {
      server.close();
    }
  }, 90_000);
});

import { mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` while holding a lock shared by every process on this machine (mkdir is atomic), so
 * test suites running side by side never interleave read-modify-write cycles on one resource.
 * A lock left by a crashed process is taken over once it is older than `staleMs`.
 */
export const withFileLock = async <T>(
  name: string,
  work: () => Promise<T>,
  staleMs = 120_000,
): Promise<T> => {
  const path = join(tmpdir(), `saga-lock-${name.replace(/[^A-Za-z0-9_.-]/g, '_')}`);
  const giveUpAt = Date.now() + 2 * staleMs;
  for (;;) {
    try {
      await mkdir(path);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(path).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > staleMs) await rm(path, { recursive: true, force: true });
      else if (Date.now() > giveUpAt) throw new Error(`Lock ${path} still held after ${2 * staleMs} ms`);
      else await sleep(100 + Math.random() * 200);
    }
  }
  try {
    return await work();
  } finally {
    await rm(path, { recursive: true, force: true });
  }
};

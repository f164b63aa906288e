import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/** Browsers people already have, by platform: distribution packages, Google's builds, the macOS apps. */
const INSTALLED: Partial<Record<NodeJS.Platform, readonly string[]>> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    path.join(homedir(), 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
    path.join(homedir(), 'Applications/Chromium.app/Contents/MacOS/Chromium'),
  ],
};

export class ChromiumNotFoundError extends Error {
  override readonly name = 'ChromiumNotFoundError';
}

export interface FoundChromium {
  readonly executablePath: string;
  readonly source: 'CHROMIUM_PATH' | 'installed' | '@sparticuz/chromium';
}

const executable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The Chromium for the browser test, without root or a package manager: $CHROMIUM_PATH, else an
 * installed Chrome or Chromium, else on Linux the build the dev dependency @sparticuz/chromium ships
 * (decompressed from node_modules to the temp folder once, about 15 s; no network).
 */
export const findChromium = (env: NodeJS.ProcessEnv = process.env): FoundChromium => {
  const chosen = env.CHROMIUM_PATH;
  if (chosen) {
    if (!executable(chosen))
      throw new ChromiumNotFoundError(`CHROMIUM_PATH=${chosen} is not an executable file`);
    return { executablePath: chosen, source: 'CHROMIUM_PATH' };
  }
  const installed = (INSTALLED[process.platform] ?? []).find(executable);
  if (installed) return { executablePath: installed, source: 'installed' };
  if (process.platform === 'linux' && (process.arch === 'x64' || process.arch === 'arm64')) {
    // The package is ESM-only: a child node loads it, so this works from CommonJS and from Jest.
    const script =
      "const { default: c } = await import('@sparticuz/chromium'); console.log(await c.executablePath());";
    const executablePath = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      env: { ...env, NODE_NO_WARNINGS: '1' },
    }).trim();
    if (executable(executablePath)) return { executablePath, source: '@sparticuz/chromium' };
  }
  throw new ChromiumNotFoundError(
    'no Chromium found: set CHROMIUM_PATH to a Chrome or Chromium binary, or install Google Chrome',
  );
};

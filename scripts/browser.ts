import { execFileSync } from 'node:child_process';
import { runCli } from './lib/explainFailure';
import { findChromium } from './lib/findChromium';

/** `make browser`: which Chromium the browser test will drive, and its version. */
runCli(async () => {
  console.log(
    'looking for Chromium: CHROMIUM_PATH, an installed Chrome/Chromium, then @sparticuz/chromium (about 15 s to unpack on first use)…',
  );
  const started = Date.now();
  const { executablePath, source } = findChromium();
  const version = execFileSync(executablePath, ['--version'], { encoding: 'utf8' }).trim();
  console.log(
    `chromium: ${executablePath} (${source}), ${version}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
});

import { emulatorEndpoint } from '../scripts/lib/awsClientConfig';
import { startExplorer } from './explorerServer';

/** `make explorer`: serves the saga explorer on 127.0.0.1:$EXPLORER_PORT (default 8088). */
const port = Number(process.env.EXPLORER_PORT || 8088);
startExplorer({ port })
  .then(() =>
    console.log(`saga explorer: http://127.0.0.1:${port}/  (reading ${emulatorEndpoint}; Ctrl+C to stop)`),
  )
  .catch((error: unknown) => {
    const code = (error as { code?: unknown }).code;
    console.error(
      code === 'EADDRINUSE'
        ? `port ${port} is taken: run with EXPLORER_PORT=<another port>`
        : `explorer did not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });

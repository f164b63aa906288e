import { startExplorer } from './explorerServer';

/** `make explorer`: serves the saga explorer on 127.0.0.1:$EXPLORER_PORT (default 8088). */
const port = Number(process.env.EXPLORER_PORT || 8088);
startExplorer(port)
  .then(() => console.log(`saga explorer: http://127.0.0.1:${port}/  (Ctrl+C to stop)`))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });

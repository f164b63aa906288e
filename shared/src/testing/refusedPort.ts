import { connect } from 'node:net';

/** Port 1: below the ephemeral range, so neither the kernel nor an emulator ever hands it out. */
const REFUSED_PORT = 1;
const CHECK_TIMEOUT_MS = 5_000;

/**
 * A loopback port that refuses connections for as long as a test runs: an emulator that is down.
 * Not a port the OS handed out and a probe released: the kernel hands released ports out again, and on
 * LocalStack something was answering on one (404) by the time the test used it, minutes later.
 * Checked here so that a machine where something does serve port 1 fails with that reason.
 */
export const refusedPort = async (): Promise<number> => {
  const outcome = await new Promise<string>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: REFUSED_PORT });
    socket.setTimeout(CHECK_TIMEOUT_MS, () => {
      socket.destroy();
      resolve('no answer');
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve('a connection');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
  if (outcome !== 'ECONNREFUSED') {
    throw new Error(`this test needs 127.0.0.1:${REFUSED_PORT} to refuse connections; it got ${outcome}`);
  }
  return REFUSED_PORT;
};

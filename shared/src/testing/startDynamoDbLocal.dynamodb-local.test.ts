import { createServer, type Socket } from 'node:net';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { type DynamoDbLocal, startDynamoDbLocal } from './startDynamoDbLocal';

// Each start launches a JVM (a few seconds, more with a busy core).
const START_TIMEOUT_MS = 55_000;
jest.setTimeout(3 * START_TIMEOUT_MS + 10_000);

/** A port someone else holds, as DynamoDB Local binds it (all interfaces); it accepts and never answers. */
const holdPort = async (): Promise<{ port: number; release(): Promise<void> }> => {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('no address');
  const release = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  return { port: address.port, release };
};

describe('startDynamoDbLocal', () => {
  let held: { port: number; release(): Promise<void> };
  let local: DynamoDbLocal | undefined;
  beforeEach(async () => {
    held = await holdPort();
  });
  afterEach(async () => {
    await local?.stop();
    local = undefined;
    await held.release();
  });

  it('starts on another port when the one it chose was taken before it could bind it', async () => {
    const ports = [held.port];
    const choose = async () => {
      const taken = ports.shift();
      if (taken !== undefined) return taken;
      const free = await holdPort();
      await free.release();
      return free.port;
    };
    local = await startDynamoDbLocal(START_TIMEOUT_MS, choose);
    expect(local.endpoint).not.toBe(`http://127.0.0.1:${held.port}`);
    await expect(local.client.send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: [] });
  });

  it('gives up after three taken ports, saying why', async () => {
    await expect(startDynamoDbLocal(START_TIMEOUT_MS, async () => held.port)).rejects.toThrow(
      /Failed to bind/,
    );
  });
});

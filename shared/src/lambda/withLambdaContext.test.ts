import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import type { logger } from '../logging/logger';
import { httpHandler } from './httpHandler';
import type { withLambdaContext } from './withLambdaContext';

const contextFor = (awsRequestId: string) =>
  ({
    awsRequestId,
    functionName: 'saga-orders-local-createOrder',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:saga-orders-local-createOrder',
    memoryLimitInMB: '256',
  }) as Context;

/** The JSON log lines written while `run` runs (Powertools writes errors to stderr, the rest to stdout). */
const captureLogLines = async (run: () => Promise<unknown>) => {
  const lines: Record<string, unknown>[] = [];
  const capture = (chunk: unknown) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    return true;
  };
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation(capture),
  );
  try {
    await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines;
};

/**
 * Fresh modules under Lambda's on-demand initialisation: Powertools reports cold starts only where
 * AWS_LAMBDA_INITIALIZATION_TYPE says so (AWS sets it; the emulators do not, so there it is always false).
 */
const loadOnDemand = () => {
  const previous = process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
  process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
  let modules: { logger: typeof logger; withLambdaContext: typeof withLambdaContext } | undefined;
  jest.isolateModules(() => {
    modules = { ...require('../logging/logger'), ...require('./withLambdaContext') };
  });
  if (previous === undefined) delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
  else process.env.AWS_LAMBDA_INITIALIZATION_TYPE = previous;
  if (!modules) throw new Error('modules not loaded');
  return modules;
};

describe('withLambdaContext', () => {
  it('puts the request id and the cold start into every log line of the invocation', async () => {
    const fresh = loadOnDemand();
    const handler = fresh.withLambdaContext(async (event: { n: number }) => {
      fresh.logger.info('first', { n: event.n });
      fresh.logger.appendKeys({ orderId: 'ord-1' });
      fresh.logger.resetKeys();
      fresh.logger.info('second');
    });
    const cold = await captureLogLines(() => handler({ n: 1 }, contextFor('req-1')));
    const warm = await captureLogLines(() => handler({ n: 2 }, contextFor('req-2')));

    expect(cold.map((line) => [line.message, line.function_request_id, line.cold_start])).toEqual([
      ['first', 'req-1', true],
      ['second', 'req-1', true],
    ]);
    expect(warm.map((line) => [line.message, line.function_request_id, line.cold_start])).toEqual([
      ['first', 'req-2', false],
      ['second', 'req-2', false],
    ]);
    expect(cold[0]).toMatchObject({ function_name: 'saga-orders-local-createOrder', n: 1 });
    // What the log group says once is not repeated on every line (LeanLogFormatter).
    for (const key of ['function_arn', 'function_memory_size', 'sampling_rate'])
      expect(cold[0]).not.toHaveProperty(key);
  });

  it('is applied by the HTTP wrapper: a rejected request is logged with its request id', async () => {
    const handler = httpHandler(async () => {
      throw Object.assign(new Error('bad input'), { name: 'ValidationError' });
    });
    const lines = await captureLogLines(() =>
      handler({ requestContext: { requestId: 'api-1' } } as APIGatewayProxyEvent, contextFor('req-3')),
    );
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.function_request_id).toBe('req-3');
  });
});

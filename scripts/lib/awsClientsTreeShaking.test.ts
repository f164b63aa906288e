import { join } from 'node:path';
import { build } from 'esbuild';

const runtimeDir = join(__dirname, '..', '..', 'shared', 'src', 'runtime');

/** Bundles a function that uses only the given client factories, as serverless-esbuild does. */
const bundleUsing = async (...factories: string[]) => {
  const result = await build({
    stdin: {
      contents: `import { ${factories.join(', ')} } from './awsClients';\nexport const handler = () => [${factories.map((name) => `${name}()`).join(', ')}];`,
      resolveDir: runtimeDir,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
};

// Every function bundles the SDK (emulators provide none): a client it never uses is dead weight in
// its cold start. The factories are top-level calls, kept by a bundler unless marked pure.
describe('AWS client factories tree-shake', () => {
  it('a function using only DynamoDB carries neither the EventBridge nor the SQS client', async () => {
    const code = await bundleUsing('dynamoClient');

    expect(code).toContain('DynamoDBClient');
    expect(code).not.toContain('EventBridgeClient');
    expect(code).not.toContain('SQSClient');
  }, 60_000);

  it('a relay using DynamoDB, EventBridge and SQS carries all three', async () => {
    const code = await bundleUsing('dynamoClient', 'eventBridgeClient', 'sqsClient');

    expect(code).toContain('DynamoDBClient');
    expect(code).toContain('EventBridgeClient');
    expect(code).toContain('SQSClient');
  }, 60_000);
});

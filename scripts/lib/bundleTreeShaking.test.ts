import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');
const runtimeDir = join(root, 'shared', 'src', 'runtime');
// The functions' own bundling settings (serverless-esbuild reads the same file), never a copy.
const { bundle, minify, target, platform } = parse(
  readFileSync(join(root, 'shared', 'infra', 'esbuild.yml'), 'utf8'),
) as { bundle: boolean; minify: boolean; target: string; platform: 'node' };
const asDeployed = {
  bundle,
  minify,
  target,
  platform,
  format: 'cjs',
  write: false,
  logLevel: 'silent',
} as const;

/** Bundles a function that uses only the given client factories, as serverless-esbuild does. */
const bundleUsing = async (...factories: string[]) => {
  const result = await build({
    stdin: {
      contents: `import { ${factories.join(', ')} } from './awsClients';\nexport const handler = () => [${factories.map((name) => `${name}()`).join(', ')}];`,
      resolveDir: runtimeDir,
      loader: 'ts',
    },
    ...asDeployed,
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

// zod's `z` imported by name is a namespace object that keeps every module it re-exports, among them
// about fifty locales (455 KB of a 1 MB createOrder bundle); `import * as z` lets esbuild keep what is used.
describe('zod tree-shakes', () => {
  it('the API function bundles zod without its locales, English excepted', async () => {
    const result = await build({
      entryPoints: [join(root, 'services', 'orders', 'src', 'handlers', 'createOrder.ts')],
      ...asDeployed,
      metafile: true,
      outfile: 'createOrder.js',
    });
    // Only modules that put code in the bundle: the metafile lists every file read, shaken or not.
    const inputs = Object.values(result.metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
        .map(([path]) => path),
    );

    expect(inputs.some((path) => /node_modules\/zod\//.test(path))).toBe(true);
    expect(inputs.filter((path) => /node_modules\/zod\/.*\/locales\/(?!en\.js$)/.test(path))).toEqual([]);
  }, 60_000);
});

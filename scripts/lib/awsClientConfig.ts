/**
 * Client settings for scripts and tests. On the `local` stage every call goes to the emulator on
 * 127.0.0.1:$EMULATOR_PORT with dummy credentials; any other stage uses the normal AWS chain.
 */
export const stage = process.env.STAGE ?? 'local';
export const isLocal = stage === 'local';
export const emulatorEndpoint = `http://127.0.0.1:${process.env.EMULATOR_PORT ?? '4566'}`;
export const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';

export interface AwsClientConfig {
  readonly region: string;
  readonly endpoint?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** The settings for an emulator at `endpoint` (local stage), or the normal AWS chain. */
export const clientConfigFor = (endpoint: string): AwsClientConfig =>
  isLocal ? { region, endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } } : { region };

export const awsClientConfig = clientConfigFor(emulatorEndpoint);

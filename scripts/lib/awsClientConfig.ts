/**
 * Client settings for scripts and tests. On the `local` stage every call goes to the emulator on
 * 127.0.0.1:$EMULATOR_PORT with dummy credentials; any other stage uses the normal AWS chain.
 */
export const stage = process.env.STAGE ?? 'local';
export const isLocal = stage === 'local';
export const emulatorEndpoint = `http://127.0.0.1:${process.env.EMULATOR_PORT ?? '4566'}`;
export const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';

export const awsClientConfig = isLocal
  ? {
      region,
      endpoint: emulatorEndpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }
  : { region };

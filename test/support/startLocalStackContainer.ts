import { GenericContainer, type StartedTestContainer, Wait } from 'testcontainers';

let container: StartedTestContainer | undefined;

/** The free, offline LocalStack image unless a licensed one is configured. */
const image = process.env.LOCALSTACK_IMAGE ?? 'localstack/localstack:4.14.0';

/** Starts LocalStack (Lambda runs through the host's Docker socket) and returns its mapped edge port. */
export const startLocalStackContainer = async (): Promise<number> => {
  container = await new GenericContainer(image)
    .withExposedPorts(4566)
    .withEnvironment({
      LOCALSTACK_AUTH_TOKEN: process.env.LOCALSTACK_AUTH_TOKEN ?? '',
      LAMBDA_DOCKER_FLAGS: '',
      DEBUG: '0',
    })
    .withBindMounts([{ source: '/var/run/docker.sock', target: '/var/run/docker.sock' }])
    .withWaitStrategy(Wait.forHttp('/_localstack/health', 4566).forStatusCode(200))
    .withStartupTimeout(180_000)
    .start();
  return container.getMappedPort(4566);
};

export const stopLocalStackContainer = async (): Promise<void> => {
  await container?.stop();
  container = undefined;
};

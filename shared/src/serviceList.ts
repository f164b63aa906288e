import serviceList from '../infra/services.json';

/** The names TypeScript knows; services.json must list exactly these (checked when this module loads). */
const knownServices = { orders: true, inventory: true, payments: true, rewards: true } as const;
export type ServiceName = keyof typeof knownServices;

export interface ServiceEntry {
  readonly name: ServiceName;
  /** It publishes events: an outbox table, a publisher (relay or pipe) and a sweeper. */
  readonly outbox: boolean;
  /** The function that reads its inbox. */
  readonly consumer: string;
}

/** Every service, from shared/infra/services.json (the one list; eventRegistry.test.ts checks the names). */
export const services = serviceList.services as readonly ServiceEntry[];
const listed = services.map((service) => service.name as string).sort();
if (listed.join() !== Object.keys(knownServices).sort().join()) {
  throw new TypeError(
    `shared/infra/services.json lists ${listed.join(', ')}; shared/src/serviceList.ts knows ${Object.keys(knownServices).join(', ')}`,
  );
}
export const serviceNames: readonly ServiceName[] = services.map((service) => service.name);
export const publishingServiceNames: readonly ServiceName[] = services
  .filter((service) => service.outbox)
  .map((service) => service.name);

/** The deployed name of one of a service's functions (osls: <service>-<stage>-<function>). */
export const functionName = (service: ServiceName, stage: string, fn: string) =>
  `saga-${service}-${stage}-${fn}`;

/** The deployed name of the function that reads a service's inbox (services.json's `consumer`). */
export const consumerFunctionName = (service: ServiceName, stage: string): string => {
  const entry = services.find((candidate) => candidate.name === service);
  if (!entry) throw new TypeError(`no service ${service} in shared/infra/services.json`);
  return functionName(service, stage, entry.consumer);
};

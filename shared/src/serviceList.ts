import serviceList from '../infra/services.json';

export type ServiceName = 'orders' | 'inventory' | 'payments' | 'rewards';

export interface ServiceEntry {
  readonly name: ServiceName;
  /** It publishes events: an outbox table, a publisher (relay or pipe) and a sweeper. */
  readonly outbox: boolean;
  /** The function that reads its inbox. */
  readonly consumer: string;
}

/** Every service, from shared/infra/services.json (the one list; eventRegistry.test.ts checks the names). */
export const services = serviceList.services as readonly ServiceEntry[];
export const serviceNames: readonly ServiceName[] = services.map((service) => service.name);
export const publishingServiceNames: readonly ServiceName[] = services
  .filter((service) => service.outbox)
  .map((service) => service.name);

/** The deployed name of one of a service's functions (osls: <service>-<stage>-<function>). */
export const functionName = (service: ServiceName, stage: string, fn: string) =>
  `saga-${service}-${stage}-${fn}`;

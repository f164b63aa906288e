import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import serviceList from '../../infra/services.json';
import { consumerFunctionName, functionName } from '../serviceList';
import {
  type EventType,
  eventRegistry,
  eventTypes,
  eventTypesConsumedBy,
  eventTypesProducedBy,
  inboxPatternOf,
  serviceNames,
  sourceOf,
} from './eventRegistry';

const root = join(__dirname, '../../..');
const routingFile = '${file(../../shared/infra/eventRouting.js)';
// The resolver the serverless.yml files call, loaded the way osls loads it (jest's module system
// cannot host tsx, which the resolver uses to read the TypeScript registry).
const routing = JSON.parse(
  execFileSync(
    process.execPath,
    [
      '-e',
      'console.log(JSON.stringify(require(process.argv[1])))',
      join(root, 'shared/infra/eventRouting.js'),
    ],
    {
      encoding: 'utf8',
    },
  ),
) as { inbox: Record<string, unknown>; source: Record<string, unknown> };

interface ServerlessYml {
  custom?: { consumer?: unknown; outbox?: { source?: unknown } };
  functions: Record<string, { handler: string; events?: { sqs?: unknown }[] }> | Record<string, unknown>[];
  resources: unknown[];
}
const readServerlessYml = (service: string): ServerlessYml =>
  parse(readFileSync(join(root, 'services', service, 'serverless.yml'), 'utf8'), {
    logLevel: 'silent',
  }) as ServerlessYml;

const functionsOf = (yml: ServerlessYml) =>
  (Array.isArray(yml.functions) ? yml.functions : [yml.functions]).flatMap((group) =>
    typeof group === 'string'
      ? []
      : Object.entries(group as Record<string, { handler: string; events?: { sqs?: unknown }[] }>),
  );

describe('the event registry', () => {
  it('knows exactly the services of shared/infra/services.json (serviceList.ts refuses to load otherwise)', () => {
    expect(serviceNames).toEqual(serviceList.services.map((service) => service.name));
  });

  it.each(eventTypes)(
    '%s has a publishing producer, its source and at least one consumer',
    (type: EventType) => {
      const event = eventRegistry[type];
      expect(event.source).toBe(sourceOf(event.producer));
      expect(serviceList.services.find((service) => service.name === event.producer)?.outbox).toBe(true);
      expect(event.consumers.length).toBeGreaterThan(0);
      expect(event.consumers).not.toContain(event.producer);
    },
  );

  it.each(eventTypes)('%s: its example satisfies its contract', (type: EventType) => {
    expect(eventRegistry[type].data.safeParse(eventRegistry[type].example).success).toBe(true);
  });

  it('derives each inbox pattern from the consumers and their producers', () => {
    expect(inboxPatternOf('payments')).toEqual({
      sources: ['saga.inventory'],
      detailTypes: ['inventory.reserved', 'inventory.released'],
    });
    expect(eventTypesConsumedBy('rewards')).toEqual(['order.confirmed']);
  });
});

describe.each(serviceNames)('service %s, derived from the registry', (service) => {
  const yml = readServerlessYml(service);
  const consumes = eventTypesConsumedBy(service).length > 0;
  const produces = eventTypesProducedBy(service).length > 0;

  it('is an npm workspace (package.json cannot read services.json)', () => {
    const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      workspaces: string[];
    };
    expect(workspaces).toContain(`services/${service}`);
  });

  it('has an outbox exactly when it produces events (services.json)', () => {
    expect(serviceList.services.find((entry) => entry.name === service)?.outbox).toBe(produces);
  });

  it('takes its inbox rule and its outbox source from the registry, never from a hand-written list', () => {
    expect(yml.custom?.consumer).toBe(consumes ? `${routingFile}:inbox.${service}}` : undefined);
    expect(yml.custom?.outbox?.source).toBe(produces ? `${routingFile}:source.${service}}` : undefined);
  });

  it('resolves (as osls does, in a plain node process) to the registry pattern and source', () => {
    expect(routing.inbox[service]).toEqual(inboxPatternOf(service));
    expect(routing.source[service]).toBe(sourceOf(service));
  });

  it('has one inbox consumer function, which accepts the types the registry lists for it', () => {
    const consumers = functionsOf(yml).filter(([, fn]) =>
      fn.events?.some((event) => event.sqs !== undefined),
    );
    expect(consumers.map(([name]) => name)).toEqual(
      consumes ? [serviceList.services.find((entry) => entry.name === service)?.consumer] : [],
    );
    for (const [name, consumer] of consumers) {
      expect(consumerFunctionName(service, 'stage')).toBe(functionName(service, 'stage', name));
      const source = readFileSync(
        join(root, 'services', service, `${consumer.handler.replace(/\.handler$/, '')}.ts`),
        'utf8',
      );
      expect(source).toContain(`eventTypesConsumedBy('${service}')`);
    }
  });
});

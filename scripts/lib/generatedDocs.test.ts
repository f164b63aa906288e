import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { validate } from '@readme/openapi-parser';
import { parse } from 'yaml';
import * as z from 'zod';
import { eventRegistry, eventTypes } from '../../shared/src/events/eventRegistry';
import { parseEnvelope } from '../../shared/src/events/parseEnvelope';
import { generatedDocs } from './generatedDocs';

const root = join(__dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const files = generatedDocs(read('README.md'));

describe('generated docs (make docs)', () => {
  it.each(Object.keys(files))('%s is current', (path) => {
    expect(read(path)).toBe(files[path]);
  });

  it('docs/events/asyncapi.yaml is a valid AsyncAPI 3 document with a channel per event type', async () => {
    const { document, diagnostics } = await new Parser().parse(read('docs/events/asyncapi.yaml'));
    expect(diagnostics.filter((diagnostic) => diagnostic.severity === 0)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
    expect(
      document
        ?.channels()
        .all()
        .map((channel) => channel.address()),
    ).toEqual(eventTypes);
    const receivers = document
      ?.operations()
      .all()
      .filter((operation) => operation.action() === 'receive')
      .map((operation) => operation.id());
    expect(receivers).toContain('rewards-receives-order-confirmed');
    // The parser does reject a broken document: an operation on a channel that does not exist.
    const broken = parse(read('docs/events/asyncapi.yaml'));
    broken.operations['rewards-receives-order-confirmed'].channel.$ref = '#/channels/nowhere';
    const rejected = await new Parser().parse(JSON.stringify(broken));
    expect(rejected.diagnostics.some((diagnostic) => diagnostic.severity === 0)).toBe(true);
  }, 60_000);

  it('docs/openapi.yaml is a valid OpenAPI 3.1 document', async () => {
    const document = parse(read('docs/openapi.yaml'));
    expect(await validate(document)).toEqual(expect.objectContaining({ valid: true }));
    // The validator does reject a broken document: a parameter in a place OpenAPI 3 does not have.
    const broken = structuredClone(document);
    broken.paths['/orders/{orderId}'].get.parameters[0].in = 'body';
    expect(await validate(broken)).toEqual(expect.objectContaining({ valid: false }));
  }, 60_000);

  it.each(eventTypes)(
    'the JSON Schema of %s accepts what parseEnvelope accepts and rejects a wrong type',
    (type) => {
      const schema = JSON.parse(read(`docs/events/${type}.schema.json`)) as { examples: unknown[] };
      const example = schema.examples[0] as Record<string, unknown>;
      expect(() => parseEnvelope(example)).not.toThrow();
      const validator = z.fromJSONSchema(schema as never);
      expect(validator.safeParse(example).success).toBe(true);
      expect(
        validator.safeParse({ ...example, schemaVersion: eventRegistry[type].schemaVersion + 1 }).success,
      ).toBe(false);
      expect(validator.safeParse({ ...example, data: {} }).success).toBe(false);
    },
  );
});

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What a non-local stage deploys, read back from `sls package --stage prod` (the templates
 * `make scan` checks; packaged here when absent): the API needs IAM and is throttled, and every
 * table and queue survives deletion and replacement, tables with point-in-time recovery.
 */
const ROOT = join(__dirname, '..', '..');
const SCAN_DIR = join(ROOT, '.run', 'scan');
const TEMPLATE = 'cloudformation-template-update-stack.json';
/** Eight packagings on a loaded 2-core machine. */
const PACKAGE_TIMEOUT_MS = 540_000;

interface Resource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

let templates: Map<string, Record<string, Resource>>;

beforeAll(() => {
  if (!existsSync(join(SCAN_DIR, 'orders-pipe', TEMPLATE))) {
    execFileSync(join(ROOT, 'scripts', 'scan.sh'), ['--package-only'], {
      stdio: 'inherit',
      timeout: PACKAGE_TIMEOUT_MS - 10_000,
    });
  }
  templates = new Map(
    readdirSync(SCAN_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => [
        entry.name,
        JSON.parse(readFileSync(join(SCAN_DIR, entry.name, TEMPLATE), 'utf8')).Resources,
      ]),
  );
}, PACKAGE_TIMEOUT_MS);

const resourcesOf = (type: string) =>
  [...templates].flatMap(([stack, resources]) =>
    Object.entries(resources)
      .filter(([, resource]) => resource.Type === type)
      .map(([logicalId, resource]) => ({ id: `${stack}/${logicalId}`, resource })),
  );

describe('prod-stage templates', () => {
  it('cover the platform and every service in both publisher modes', () => {
    expect([...templates.keys()].sort()).toEqual([
      'inventory-pipe',
      'inventory-relay',
      'orders-pipe',
      'orders-relay',
      'payments-pipe',
      'payments-relay',
      'platform',
      'rewards',
    ]);
  });

  it('require AWS_IAM on every API method', () => {
    const methods = resourcesOf('AWS::ApiGateway::Method');
    expect(methods.length).toBeGreaterThanOrEqual(6);
    for (const { id, resource } of methods)
      expect([id, resource.Properties?.AuthorizationType]).toEqual([id, 'AWS_IAM']);
  });

  it('throttle the API stage', () => {
    const deployments = resourcesOf('AWS::ApiGateway::Deployment');
    expect(deployments).toHaveLength(2);
    for (const { resource } of deployments) {
      expect(resource.Properties?.StageDescription).toEqual({
        ThrottlingRateLimit: expect.any(Number),
        ThrottlingBurstLimit: expect.any(Number),
      });
    }
  });

  it('retain every table on delete and replacement, with point-in-time recovery', () => {
    const tables = resourcesOf('AWS::DynamoDB::Table');
    expect(tables.length).toBeGreaterThanOrEqual(15);
    for (const { id, resource } of tables) {
      expect([id, resource.DeletionPolicy, resource.UpdateReplacePolicy]).toEqual([id, 'Retain', 'Retain']);
      expect([id, resource.Properties?.PointInTimeRecoverySpecification]).toEqual([
        id,
        { PointInTimeRecoveryEnabled: true },
      ]);
    }
  });

  it('retain every queue on delete and replacement', () => {
    const queues = resourcesOf('AWS::SQS::Queue');
    expect(queues.length).toBeGreaterThanOrEqual(8);
    for (const { id, resource } of queues) {
      expect([id, resource.DeletionPolicy, resource.UpdateReplacePolicy]).toEqual([id, 'Retain', 'Retain']);
    }
  });

  it('keep every principal but the producers off the bus', () => {
    const [bus] = resourcesOf('AWS::Events::EventBus');
    const policy = bus?.resource.Properties?.Policy as { Statement: { Sid: string; Effect: string }[] };
    expect(policy.Statement.map((statement) => [statement.Sid, statement.Effect])).toEqual([
      ['OnlyProducerRolesPutEvents', 'Deny'],
      ['ordersPutsOnlyItsOwnSource', 'Deny'],
      ['inventoryPutsOnlyItsOwnSource', 'Deny'],
      ['paymentsPutsOnlyItsOwnSource', 'Deny'],
    ]);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { serviceNames } from '@saga/shared';

const root = path.resolve(__dirname, '..');
const templates = ['.', ...serviceNames.map((service) => `services/${service}`)].map((dir) =>
  path.join(root, dir, '.serverless', 'cloudformation-template-update-stack.json'),
);

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
}

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Reads the templates `sls deploy` packaged: every IAM statement must name its actions and resources. */
describe('least privilege', () => {
  it.each(templates)('%s grants no wildcard action or resource', (file) => {
    expect(existsSync(file)).toBe(true);
    const template = JSON.parse(readFileSync(file, 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const problems: string[] = [];
    let statementsChecked = 0;
    for (const [name, resource] of Object.entries(template.Resources)) {
      if (resource.Type !== 'AWS::IAM::Role' && resource.Type !== 'AWS::IAM::Policy') continue;
      const policies = (resource.Properties.Policies as
        | { PolicyDocument: { Statement: Statement[] } }[]
        | undefined) ?? [resource.Properties as unknown as { PolicyDocument: { Statement: Statement[] } }];
      for (const policy of policies) {
        for (const statement of policy.PolicyDocument.Statement) {
          statementsChecked++;
          for (const action of asList(statement.Action)) {
            if (action === '*' || action.endsWith(':*')) problems.push(`${name}: action ${action}`);
          }
          for (const resourceRef of asList(statement.Resource)) {
            if (resourceRef === '*')
              problems.push(`${name}: resource * for ${asList(statement.Action).join(',')}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // Every service stack declares its own roles; only the platform stack has none.
    if (file.includes(`${path.sep}services${path.sep}`)) expect(statementsChecked).toBeGreaterThanOrEqual(3);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const REPO_ROOT = join(__dirname, '../../..');

/**
 * A stack file (a service's serverless.yml, a shared/infra fragment; path from the repository
 * root), exactly as deployed, for tests that must check what is deployed rather than a copy.
 * CloudFormation tags and `${…}` variables stay unresolved.
 */
export const readStackFile = <T>(file: string): T =>
  parse(readFileSync(join(REPO_ROOT, file), 'utf8'), { logLevel: 'silent' }) as T;

/** A fragment of shared/infra, as the stacks include it. */
export const readInfraFragment = <T>(file: string): T => readStackFile<T>(join('shared/infra', file));

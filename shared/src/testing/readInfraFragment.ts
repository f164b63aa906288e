import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * A stack fragment from shared/infra, exactly as the stacks include it, for tests that must check
 * what is deployed rather than a copy. CloudFormation tags and `${…}` variables stay unresolved.
 */
export const readInfraFragment = <T>(file: string): T =>
  parse(readFileSync(join(__dirname, '../../infra', file), 'utf8'), { logLevel: 'silent' }) as T;

// `make docs`: regenerates everything derived from the event registry and the HTTP schemas.
// scripts/lib/generatedDocs.test.ts fails when a committed copy differs from what this writes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generatedDocs } from './lib/generatedDocs';

const root = join(__dirname, '..');
const files = generatedDocs(readFileSync(join(root, 'README.md'), 'utf8'));
for (const [path, content] of Object.entries(files)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}
console.log(`docs: ${Object.keys(files).join(', ')}`);

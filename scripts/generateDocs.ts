// `make docs`: regenerates everything derived from the event registry and the HTTP schemas.
// Tests (scripts/lib/eventDocs.test.ts) fail when a committed copy differs from what this writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EVENTS_TABLE_END,
  EVENTS_TABLE_START,
  renderEventsTable,
  replaceBetweenMarkers,
} from './lib/eventDocs';

const root = join(__dirname, '..');
const readmePath = join(root, 'README.md');
writeFileSync(
  readmePath,
  replaceBetweenMarkers(
    readFileSync(readmePath, 'utf8'),
    EVENTS_TABLE_START,
    EVENTS_TABLE_END,
    renderEventsTable(),
  ),
);
console.log('docs: README events table');

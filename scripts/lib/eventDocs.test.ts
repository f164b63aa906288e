import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  describeFields,
  EVENTS_TABLE_END,
  EVENTS_TABLE_START,
  renderEventsTable,
  replaceBetweenMarkers,
} from './eventDocs';

const root = join(__dirname, '../..');

describe('generated docs', () => {
  it('the README events table is the one the registry generates (run `make docs` after a registry change)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(replaceBetweenMarkers(readme, EVENTS_TABLE_START, EVENTS_TABLE_END, renderEventsTable())).toBe(
      readme,
    );
  });

  it('names nested fields one level deep', () => {
    expect(
      describeFields({
        properties: {
          orderId: { type: 'string' },
          lines: { type: 'array', items: { properties: { productId: {} } } },
        },
      }),
    ).toBe('orderId, lines (productId)');
  });

  it('refuses a document without the markers', () => {
    expect(() => replaceBetweenMarkers('no markers', EVENTS_TABLE_START, EVENTS_TABLE_END, 'x')).toThrow(
      /not found/,
    );
  });
});

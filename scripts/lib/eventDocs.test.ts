import { describeFields, EVENTS_TABLE_END, EVENTS_TABLE_START, replaceBetweenMarkers } from './eventDocs';

describe('event docs helpers', () => {
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

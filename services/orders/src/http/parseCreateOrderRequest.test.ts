import { ValidationError } from '@saga/shared';
import {
  MAX_BODY_BYTES,
  MAX_ORDER_LINES,
  MAX_QUANTITY,
  parseCreateOrderRequest,
} from './parseCreateOrderRequest';

const body = (value: unknown) => JSON.stringify(value);
const item = (quantity: unknown = 1, productId = 'product-1') => ({ productId, quantity });

const validationErrorOf = (raw: string | null): ValidationError => {
  try {
    parseCreateOrderRequest(raw);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError, the body was accepted');
};

describe('parseCreateOrderRequest', () => {
  it('accepts a valid request', () => {
    expect(
      parseCreateOrderRequest(
        body({ customerId: 'customer-1', items: [item(2), item(MAX_QUANTITY, 'sku:A_1.b-2')] }),
      ),
    ).toEqual({
      customerId: 'customer-1',
      items: [
        { productId: 'product-1', quantity: 2 },
        { productId: 'sku:A_1.b-2', quantity: MAX_QUANTITY },
      ],
    });
  });

  it('accepts exactly the maximum number of lines', () => {
    const items = Array.from({ length: MAX_ORDER_LINES }, (_, index) => item(1, `p-${index}`));

    expect(parseCreateOrderRequest(body({ customerId: 'c', items })).items).toHaveLength(MAX_ORDER_LINES);
  });

  it.each([null, '', '   '])('requires a body (%j)', (raw) => {
    expect(validationErrorOf(raw).message).toBe('Request body is required');
  });

  it.each(['{', 'customer-1', '{"customerId": "c",}'])('rejects invalid JSON %j, naming the body', (raw) => {
    expect(validationErrorOf(raw).message).toBe('Request body is not valid JSON');
  });

  it('rejects an oversized body before parsing it, naming the body and the limit', () => {
    const padding = 'x'.repeat(MAX_BODY_BYTES);

    const error = validationErrorOf(body({ customerId: 'c', items: [item()], padding }));

    expect(error.message).toBe(`Request body exceeds ${MAX_BODY_BYTES} bytes`);
  });

  it('measures the size in bytes, not characters', () => {
    // 6,000 three-byte characters: under the limit in characters, over it in bytes.
    const raw = `{"customerId":"${'€'.repeat(6000)}","items":[]}`;

    expect(raw.length).toBeLessThan(MAX_BODY_BYTES);
    expect(validationErrorOf(raw).message).toMatch(/exceeds/);
  });

  it.each([
    ['customerId', { items: [item()] }],
    ['items', { customerId: 'c' }],
    ['items.0.productId', { customerId: 'c', items: [{ quantity: 1 }] }],
    ['items.0.quantity', { customerId: 'c', items: [{ productId: 'p' }] }],
  ])('names the missing field %s', (field, request) => {
    const error = validationErrorOf(body(request));

    expect(error.issues.map((issue) => issue.path)).toEqual([field]);
    expect(error.message).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}: `));
  });

  it('names every missing field at once', () => {
    expect(validationErrorOf(body({})).issues.map((issue) => issue.path)).toEqual(['customerId', 'items']);
  });

  it('rejects empty items', () => {
    const error = validationErrorOf(body({ customerId: 'c', items: [] }));

    expect(error.issues).toEqual([{ path: 'items', message: expect.stringMatching(/>=1/) }]);
  });

  it(`rejects more than ${MAX_ORDER_LINES} lines`, () => {
    const items = Array.from({ length: MAX_ORDER_LINES + 1 }, (_, index) => item(1, `p-${index}`));

    const error = validationErrorOf(body({ customerId: 'c', items }));

    expect(error.issues).toEqual([{ path: 'items', message: expect.stringMatching(/<=50/) }]);
  });

  it.each([
    ['zero', 0],
    ['negative', -3],
    ['fractional', 1.5],
    [`over ${MAX_QUANTITY}`, MAX_QUANTITY + 1],
    ['a string', '2'],
    ['null', null],
  ])('rejects a %s quantity, naming items.N.quantity', (_label, quantity) => {
    const error = validationErrorOf(body({ customerId: 'c', items: [item(1), item(quantity, 'p-2')] }));

    expect(error.issues.map((issue) => issue.path)).toEqual(['items.1.quantity']);
    expect(error.message).toMatch(/^items\.1\.quantity: /);
  });

  it('rejects an unknown top-level field, naming it', () => {
    const error = validationErrorOf(body({ customerId: 'c', items: [item()], totalCents: 1 }));

    expect(error.message).toContain('totalCents');
    expect(error.issues).toHaveLength(1);
  });

  it('rejects an unknown field on a line (a client-side price), naming it and the line', () => {
    const error = validationErrorOf(
      body({ customerId: 'c', items: [{ productId: 'p', quantity: 1, unitPriceCents: 1 }] }),
    );

    expect(error.issues).toEqual([{ path: 'items.0', message: expect.stringContaining('unitPriceCents') }]);
  });

  it.each([
    ['customerId', { customerId: '', items: [item()] }],
    ['customerId', { customerId: 'c'.repeat(65), items: [item()] }],
    ['customerId', { customerId: 'has space', items: [item()] }],
    ['items.0.productId', { customerId: 'c', items: [item(1, 'p/../etc')] }],
    ['items.0.productId', { customerId: 'c', items: [{ productId: 7, quantity: 1 }] }],
  ])('rejects a malformed identifier, naming %s', (field, request) => {
    const paths = validationErrorOf(body(request)).issues.map((issue) => issue.path);

    expect(paths.length).toBeGreaterThan(0);
    expect(new Set(paths)).toEqual(new Set([field]));
  });

  it.each([
    ['an array', []],
    ['null', null],
    ['a number', 3],
  ])('rejects %s as the body', (_label, value) => {
    expect(validationErrorOf(body(value)).issues).toEqual([
      { path: '(body)', message: expect.stringContaining('expected object') },
    ]);
  });
});

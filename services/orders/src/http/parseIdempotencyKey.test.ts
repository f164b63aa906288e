import { ValidationError } from '@saga/shared';
import {
  callerOf,
  fingerprintRequest,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  parseIdempotencyKey,
} from './parseIdempotencyKey';

const withHeaders = (headers: Record<string, string>, multi?: Record<string, string[]>) => ({
  headers,
  multiValueHeaders:
    multi ?? Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
});

describe('parseIdempotencyKey', () => {
  it('is optional', () => {
    expect(parseIdempotencyKey(withHeaders({ 'content-type': 'application/json' }))).toBeUndefined();
  });

  it.each(['Idempotency-Key', 'idempotency-key', 'IDEMPOTENCY-KEY'])('finds the header named %s', (name) => {
    expect(parseIdempotencyKey(withHeaders({ [name]: 'order-42 "retry" ~' }))).toBe('order-42 "retry" ~');
  });

  it(`accepts ${MAX_IDEMPOTENCY_KEY_LENGTH} characters and refuses one more`, () => {
    const longest = 'k'.repeat(MAX_IDEMPOTENCY_KEY_LENGTH);
    expect(parseIdempotencyKey(withHeaders({ 'idempotency-key': longest }))).toBe(longest);
    expect(() => parseIdempotencyKey(withHeaders({ 'idempotency-key': `${longest}k` }))).toThrow(
      'Idempotency-Key: must be 1 to 255 characters, got 256',
    );
  });

  it('refuses an empty key', () => {
    expect(() => parseIdempotencyKey(withHeaders({ 'idempotency-key': '' }))).toThrow(ValidationError);
  });

  it.each([
    ['a control character', 'key\u0001'],
    ['a tab', 'key\tx'],
    ['DEL', 'key\u007f'],
    ['non-ASCII text', 'clé'],
  ])('refuses %s', (_what, value) => {
    expect(() => parseIdempotencyKey(withHeaders({ 'idempotency-key': value }))).toThrow(
      'Idempotency-Key: only printable ASCII characters are allowed',
    );
  });

  it('refuses the header sent twice', () => {
    expect(() =>
      parseIdempotencyKey(withHeaders({ 'Idempotency-Key': 'b' }, { 'Idempotency-Key': ['a', 'b'] })),
    ).toThrow('Idempotency-Key: send the header once');
  });
});

describe('callerOf', () => {
  it('names the signing IAM principal, or anonymous on an open stage', () => {
    const signed = { requestContext: { identity: { userArn: 'arn:aws:iam::1:user/a' } } };
    expect(callerOf(signed as never)).toBe('arn:aws:iam::1:user/a');
    expect(callerOf({ requestContext: { identity: { userArn: null } } } as never)).toBe('anonymous');
  });
});

describe('fingerprintRequest', () => {
  const request = { customerId: 'c-1', items: [{ productId: 'p-1', quantity: 2 }] };

  it('ignores key order', () => {
    const reordered = JSON.parse('{"items":[{"quantity":2,"productId":"p-1"}],"customerId":"c-1"}');
    expect(fingerprintRequest(reordered)).toBe(fingerprintRequest(request));
    expect(fingerprintRequest(request)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any value', () => {
    expect(fingerprintRequest({ ...request, items: [{ productId: 'p-1', quantity: 3 }] })).not.toBe(
      fingerprintRequest(request),
    );
    expect(fingerprintRequest({ ...request, customerId: 'c-2' })).not.toBe(fingerprintRequest(request));
  });
});

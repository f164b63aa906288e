import { signRequest } from './signRequest';

describe('signRequest', () => {
  const saved = { ...process.env };
  beforeAll(() => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
  });
  afterAll(() => {
    process.env = saved;
  });

  it('signs an API Gateway call with SigV4 for execute-api, covering the host and the idempotency key', async () => {
    const headers = await signRequest(
      'https://abc123.execute-api.us-east-1.amazonaws.com/prod/orders',
      'POST',
      { 'content-type': 'application/json', 'Idempotency-Key': 'key-1' },
      '{"customerId":"c"}',
    );

    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/execute-api\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/,
    );
    expect(headers.authorization).toContain('idempotency-key');
    expect(headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it('signs another body differently', async () => {
    const sign = (body: string) =>
      signRequest('https://abc123.execute-api.us-east-1.amazonaws.com/prod/orders', 'POST', {}, body);
    const [a, b] = await Promise.all([sign('{"a":1}'), sign('{"a":2}')]);
    expect(a.authorization).not.toBe(b.authorization);
  });
});

import { classifyFailure, describeFailure } from './explainFailure';

describe('describeFailure', () => {
  it('names the endpoint and the fix for a refused connection (fetch wraps it in cause)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4999'), {
      code: 'ECONNREFUSED',
      address: '127.0.0.1',
      port: 4999,
    });
    const error = new TypeError('fetch failed', { cause: refused });
    const line = describeFailure(error);
    expect(line).toBe(
      'cannot reach http://127.0.0.1:4999 (ECONNREFUSED): start the emulator with `make up`, or set EMULATOR_PORT=<port> to the one that is running',
    );
    expect(line).not.toContain('\n');
  });

  it('finds the code inside an AggregateError (the SDK on Node 20)', () => {
    const error = Object.assign(
      new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]),
      {
        name: 'AggregateError',
      },
    );
    expect(classifyFailure(error, 'http://127.0.0.1:4651')).toEqual({
      kind: 'unreachable',
      endpoint: 'http://127.0.0.1:4651',
      code: 'ECONNREFUSED',
    });
  });

  it("reads Node's wording when a wrapper dropped the fields", () => {
    const error = new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:32799');
    expect(classifyFailure(error)).toEqual({
      kind: 'unreachable',
      endpoint: 'http://127.0.0.1:32799',
      code: 'ECONNREFUSED',
    });
  });

  it('tells to deploy when a stack is missing', () => {
    expect(describeFailure(new Error('Stack with id saga-platform-local does not exist'))).toMatch(
      /does not exist: deploy the stacks with `make deploy`/,
    );
  });

  it('keeps any other message as it is', () => {
    expect(describeFailure(new Error('No saga for order x'))).toBe('No saga for order x');
  });
});

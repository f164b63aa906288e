import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { region } from './awsClientConfig';

/** The SHA-256 the signer asks for (a hash, or an HMAC when given a secret), from node:crypto. */
type SourceData = string | ArrayBuffer | ArrayBufferView;
const toBytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: SourceData) {
    this.hash.update(toBytes(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

let signer: SignatureV4 | undefined;

/**
 * SigV4 headers for an API Gateway call on a stage with AWS_IAM authorization, signed with the
 * caller's usual AWS credentials (environment, profile, SSO, role).
 */
export const signRequest = async (
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Record<string, string>> => {
  signer ??= new SignatureV4({
    service: 'execute-api',
    region,
    credentials: defaultProvider(),
    sha256: Sha256,
  });
  const target = new URL(url);
  const signed = await signer.sign({
    method,
    protocol: target.protocol,
    hostname: target.hostname,
    ...(target.port ? { port: Number(target.port) } : {}),
    path: target.pathname,
    query: Object.fromEntries(target.searchParams),
    headers: { ...headers, host: target.host },
    ...(body === undefined ? {} : { body }),
  });
  return signed.headers;
};

import { createHash } from 'node:crypto';
import type { ParkedDelivery } from './DeadLetterQueue';

/** The most a parked reason may take: enough for the first issues, never the whole list. */
export const MAX_REASON_BYTES = 8 * 1024;

/** Room kept for the message attributes (SQS counts them in the message size). */
export const ATTRIBUTE_ALLOWANCE_BYTES = 2 * 1024;

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Cuts text to at most `maxBytes` of UTF-8 without leaving half a character behind. */
export const truncateUtf8 = (text: string, maxBytes: number): string => {
  if (utf8Bytes(text) <= maxBytes) return text;
  const cut = Buffer.from(text, 'utf8').subarray(0, Math.max(0, maxBytes)).toString('utf8');
  return cut.replace(/\uFFFD+$/u, '');
};

/**
 * A reason that always fits: validation reasons list issues separated by "; ", so keep the first
 * ones whole and count the rest. Anything else is cut at the byte limit, with its full size noted.
 */
export const boundReason = (reason: string, maxBytes = MAX_REASON_BYTES): string => {
  const total = utf8Bytes(reason);
  if (total <= maxBytes) return reason;
  const parts = reason.split('; ');
  const kept: string[] = [];
  let used = 0;
  // The longest tail this can append: "; … and 9999999 more issues (99999999 bytes in all)".
  const tailRoom = 64;
  for (const part of parts) {
    const cost = utf8Bytes(part) + (kept.length > 0 ? 2 : 0);
    if (used + cost > maxBytes - tailRoom) break;
    kept.push(part);
    used += cost;
  }
  if (kept.length === 0) {
    return `${truncateUtf8(reason, maxBytes - tailRoom)} … (${total} bytes in all)`;
  }
  return `${kept.join('; ')}; … and ${parts.length - kept.length} more issues (${total} bytes in all)`;
};

export interface ParkRequest extends ParkedDelivery {
  readonly parkedAt: string;
}

/**
 * The body of a parked message, shaped to fit `maxMessageBytes` (the DLQ's declared
 * MaximumMessageSize): the bounded reason always, the original event as JSON when it fits (the
 * case for anything EventBridge accepts), else as base64 of its JSON text, else its head with its
 * size and SHA-256 so it can still be identified.
 */
export const shapeParkedMessage = (
  { reason, source, payload, parkedAt, deliveryId }: ParkRequest,
  maxMessageBytes: number,
): string => {
  const budget = maxMessageBytes - ATTRIBUTE_ALLOWANCE_BYTES;
  const header = { parkedAt, reason: boundReason(reason), source, deliveryId };
  const whole = JSON.stringify({ ...header, payload });
  if (utf8Bytes(whole) <= budget) return whole;

  const text = typeof payload === 'string' ? payload : (JSON.stringify(payload) ?? String(payload));
  const raw = Buffer.from(text, 'utf8');
  const encoded = JSON.stringify({ ...header, payloadBase64: raw.toString('base64') });
  if (utf8Bytes(encoded) <= budget) return encoded;

  const described = {
    ...header,
    payloadBytes: raw.length,
    payloadSha256: createHash('sha256').update(raw).digest('hex'),
    payloadHeadBase64: '',
  };
  const room = budget - utf8Bytes(JSON.stringify(described));
  // base64 turns every 3 bytes into 4 characters.
  const headBytes = Math.max(0, Math.floor(room / 4) * 3);
  return JSON.stringify({ ...described, payloadHeadBase64: raw.subarray(0, headBytes).toString('base64') });
};

import { ValidationError } from '@saga/shared';
import * as z from 'zod';

/** One transaction holds 100 items; inventory needs one per line plus three of its own. */
export const MAX_ORDER_LINES = 50;
export const MAX_QUANTITY = 1000;
export const MAX_BODY_BYTES = 16 * 1024;

const Identifier = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'only letters, digits and . _ : - are allowed');

export const CreateOrderRequest = z
  .object({
    customerId: Identifier,
    items: z
      .array(
        z
          .object({
            productId: Identifier,
            quantity: z.number().int().min(1).max(MAX_QUANTITY),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_ORDER_LINES),
  })
  .strict();

export type CreateOrderRequest = z.infer<typeof CreateOrderRequest>;

/** Parses and validates the body; every problem is named by its field path. */
export const parseCreateOrderRequest = (body: string | null): CreateOrderRequest => {
  if (body === null || body.trim() === '') throw new ValidationError('Request body is required');
  if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) {
    throw new ValidationError(`Request body exceeds ${MAX_BODY_BYTES} bytes`);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ValidationError('Request body is not valid JSON');
  }
  const parsed = CreateOrderRequest.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.join('.') || '(body)',
      message: issue.message,
    }));
    throw new ValidationError(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '), issues);
  }
  return parsed.data;
};

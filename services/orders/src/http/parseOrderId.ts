import { ValidationError } from '@saga/shared';

const ORDER_ID = /^ord-[0-9a-f-]{36}$/;

/** Rejects malformed ids before any read, so junk never reaches the table. */
export const parseOrderId = (raw: string | undefined): string => {
  if (raw === undefined || !ORDER_ID.test(raw)) {
    throw new ValidationError(`Malformed order id "${raw ?? ''}"`, [
      { path: 'orderId', message: 'malformed' },
    ]);
  }
  return raw;
};

import type { IdGenerator } from '../runtime/IdGenerator';

/**
 * Predictable UUID-shaped ids: 00000000-0000-4000-8000-000000000001, then …002, and so on.
 * They keep the shape of real ids, so `ord-<id>` passes the order id check.
 */
export const buildSequentialIdGenerator = (start = 1): IdGenerator => {
  let next = start;
  return () => {
    const id = `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`;
    next += 1;
    return id;
  };
};

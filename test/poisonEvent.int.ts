import { randomUUID } from 'node:crypto';
import { deleteDeadLetters, readDeadLetters } from '../scripts/lib/deadLetters';
import { MAX_REASON_BYTES } from '../shared/src/deadLetter/shapeParkedMessage';
import { createFixtures, eventually, type Fixtures } from './support/fixtures';
import { testTimeout } from './support/waits';

describe('poison events', () => {
  let fx: Fixtures;
  beforeAll(async () => {
    fx = await createFixtures();
  });
  afterAll(() => fx.cleanup());

  it('an event that fails its schema is parked in the DLQ with the reason, once, and changes nothing', async () => {
    const marker = `poison-${randomUUID().slice(0, 8)}`;
    const productId = await fx.seedProduct({ unitPriceCents: 100, stock: 5 });
    await fx.putOnBus([
      {
        eventId: marker,
        eventType: 'order.created',
        source: 'saga.orders',
        occurredAt: new Date().toISOString(),
        correlationId: marker,
        causationId: marker,
        schemaVersion: 1,
        // quantity must be a positive integer: this can never be processed.
        data: {
          orderId: marker,
          sagaId: marker,
          customerId: 'c',
          lines: [{ productId, quantity: -3, unitPriceCents: 1 }],
          totalCents: 1,
          currency: 'USD',
        },
      } as { eventType: string; source: string },
    ]);

    const letters = await eventually(
      async () =>
        (await readDeadLetters([fx.deployment.deadLetterQueues.inventory])).filter((l) =>
          JSON.stringify(l.body).includes(marker),
        ),
      (found) => found.length > 0,
      // Another suite's reader may hide the letter for a few seconds at a time.
      { timeoutMs: 90_000, intervalMs: 1000 },
    );
    // One letter: copies parked again when the batch was cut short (a recycled worker) share its deliveryId.
    expect(letters).toHaveLength(1);
    expect(letters[0]?.kind).toBe('parked-invalid-event');
    expect(letters[0]?.body.deliveryId).toEqual(expect.any(String));
    expect(letters[0]?.summary).toContain('Invalid order.created data: lines.0.quantity');
    // Nothing reserved, nothing emitted.
    expect(await fx.stock(productId)).toMatchObject({ available: 5, reserved: 0 });
    expect(await fx.reservation(marker)).toBeUndefined();
    await deleteDeadLetters(letters);
  });

  // Another suite's reader may hide a letter for a few seconds at a time.
  const waits = { applied: 90_000, parked: 90_000 };
  it(
    'a 60 KB poison with thousands of issues, sent with a valid event, is parked with a bounded reason; the valid one is applied',
    async () => {
      const marker = `poison-${randomUUID().slice(0, 8)}`;
      const validOrderId = fx.unique('it-order');
      fx.trackOrder(validOrderId, `saga-${validOrderId}`);
      const header = (eventType: string, correlationId: string) => ({
        eventId: `${marker}-${eventType}`,
        eventType,
        source: 'saga.orders',
        occurredAt: new Date().toISOString(),
        correlationId,
        causationId: marker,
        schemaVersion: 1,
      });
      // Over 60 KB and thousands of issues: 1,000 lines with every field wrong.
      const line = { productId: 1, quantity: 'x', unitPriceCents: 'y', note: 'z'.repeat(40) };
      const poison = {
        ...header('order.created', marker),
        data: {
          orderId: marker,
          sagaId: marker,
          customerId: 'c',
          lines: Array.from({ length: 1000 }, () => ({ ...line })),
          totalCents: 1,
          currency: 'USD',
        },
      };
      const valid = {
        ...header('order.cancelled', validOrderId),
        data: { orderId: validOrderId, customerId: 'c', reason: 'poison neighbour' },
      };
      expect(JSON.stringify(poison).length).toBeGreaterThan(60_000);
      // One PutEvents call, one after the other: they reach the inventory inbox together.
      await fx.putOnBus([poison, valid]);

      // The valid cancellation is applied: inventory leaves its tombstone for the order.
      const reservation = await eventually(
        () => fx.reservation(validOrderId),
        (row) => row !== undefined,
        { timeoutMs: waits.applied },
      );
      expect(reservation).toMatchObject({ orderId: validOrderId });

      const letters = await eventually(
        async () =>
          (await readDeadLetters([fx.deployment.deadLetterQueues.inventory])).filter((l) =>
            JSON.stringify(l.body).includes(marker),
          ),
        (found) => found.length > 0,
        { timeoutMs: waits.parked },
      );
      expect(letters).toHaveLength(1);
      expect(letters[0]?.kind).toBe('parked-invalid-event');
      expect(letters[0]?.body.deliveryId).toEqual(expect.any(String));
      expect(Buffer.byteLength(letters[0]?.summary ?? '')).toBeLessThanOrEqual(MAX_REASON_BYTES);
      expect(letters[0]?.summary).toMatch(/^Invalid order\.created data: lines\.0\.productId: .*more issues/);
      // The original event is kept whole, for inspection or a redrive after a fix.
      expect(letters[0]?.body.payload).toEqual(poison);
      await deleteDeadLetters(letters);
    },
    testTimeout(waits),
  );
});

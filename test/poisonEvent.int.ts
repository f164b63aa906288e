import { randomUUID } from 'node:crypto';
import { deleteDeadLetters, readDeadLetters } from '../scripts/lib/deadLetters';
import { createFixtures, eventually, type Fixtures } from './support/fixtures';

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
    expect(letters).toHaveLength(1);
    expect(letters[0]?.kind).toBe('parked-invalid-event');
    expect(letters[0]?.summary).toContain('Invalid order.created data: lines.0.quantity');
    // Nothing reserved, nothing emitted.
    expect(await fx.stock(productId)).toMatchObject({ available: 5, reserved: 0 });
    expect(await fx.reservation(marker)).toBeUndefined();
    await deleteDeadLetters(letters);
  });
});

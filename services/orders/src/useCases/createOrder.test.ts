import {
  IdempotencyKeyMismatchError,
  IdempotentRequestInFlightError,
  parseEnvelope,
  TransactionConflictError,
  ValidationError,
} from '@saga/shared';
import { buildManualClock, buildSequentialIdGenerator } from '@saga/shared/testing';
import type { CatalogueEntry } from '../domain/order/priceOrder';
import { RequestKeyConflictError } from '../ports/OrderStore';
import { buildInMemoryCatalogueRepository } from '../testing/buildInMemoryCatalogueRepository';
import { buildInMemoryOrderStore } from '../testing/buildInMemoryOrderStore';
import { createOrder, IDEMPOTENCY_KEY_TTL_SECONDS } from './createOrder';

const NOW = '2030-01-01T12:00:00.000Z';
const catalogueEntries: CatalogueEntry[] = [
  { productId: 'book', unitPriceCents: 1999, currency: 'USD' },
  { productId: 'pen', unitPriceCents: 150, currency: 'USD' },
  { productId: 'tea', unitPriceCents: 450, currency: 'GBP' },
];

const setup = () => {
  const store = buildInMemoryOrderStore();
  const catalogue = buildInMemoryCatalogueRepository(catalogueEntries);
  const clock = buildManualClock(NOW);
  const place = createOrder({
    store,
    catalogue,
    clock,
    newId: buildSequentialIdGenerator(),
  });
  return { store, catalogue, place, clock };
};

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('createOrder', () => {
  it('returns a PENDING order priced from the catalogue', async () => {
    const { place } = setup();

    const { order } = await place({
      customerId: 'customer-1',
      items: [
        { productId: 'book', quantity: 2 },
        { productId: 'pen', quantity: 3 },
      ],
      requestId: 'req-1',
    });

    expect(order).toEqual({
      orderId: `ord-${id(1)}`,
      sagaId: `saga-ord-${id(1)}`,
      customerId: 'customer-1',
      lines: [
        { productId: 'book', quantity: 2, unitPriceCents: 1999 },
        { productId: 'pen', quantity: 3, unitPriceCents: 150 },
      ],
      totalCents: 2 * 1999 + 3 * 150,
      currency: 'USD',
      status: 'PENDING',
      createdAt: NOW,
      updatedAt: NOW,
      version: 0,
    });
  });

  it('writes the order, its saga and order.created in one create call', async () => {
    const { place, store } = setup();

    const { order } = await place({
      customerId: 'customer-1',
      items: [{ productId: 'book', quantity: 1 }],
      requestId: 'req-1',
    });

    expect(store.createCalls).toHaveLength(1);
    const [written, saga, events] = store.createCalls[0] ?? [];
    expect(written).toEqual(order);
    expect(saga).toEqual({
      sagaId: order.sagaId,
      orderId: order.orderId,
      status: 'STARTED',
      currentStep: 'CREATED',
      steps: { created: { status: 'SUCCESS', timestamp: NOW } },
      compensationRequired: false,
      createdAt: NOW,
      updatedAt: NOW,
      version: 0,
    });
    expect(events).toEqual([
      {
        eventId: id(2),
        eventType: 'order.created',
        source: 'saga.orders',
        occurredAt: NOW,
        correlationId: order.orderId,
        causationId: 'req-1',
        schemaVersion: 1,
        data: {
          orderId: order.orderId,
          sagaId: order.sagaId,
          customerId: 'customer-1',
          lines: [{ productId: 'book', quantity: 1, unitPriceCents: 1999 }],
          totalCents: 1999,
          currency: 'USD',
        },
      },
    ]);
    expect(() => parseEnvelope(events?.[0], ['order.created'])).not.toThrow();
    expect(store.applyCalls).toHaveLength(0);
    expect(store.orders.get(order.orderId)?.status).toBe('PENDING');
    expect(store.sagas.get(order.sagaId)?.orderId).toBe(order.orderId);
  });

  it('merges repeated products into one line', async () => {
    const { place } = setup();

    const { order } = await place({
      customerId: 'customer-1',
      items: [
        { productId: 'pen', quantity: 1 },
        { productId: 'pen', quantity: 4 },
      ],
      requestId: 'req-1',
    });

    expect(order.lines).toEqual([{ productId: 'pen', quantity: 5, unitPriceCents: 150 }]);
    expect(order.totalCents).toBe(750);
  });

  it('looks every requested product up in the catalogue', async () => {
    const { place, catalogue } = setup();

    await place({
      customerId: 'customer-1',
      items: [
        { productId: 'pen', quantity: 1 },
        { productId: 'book', quantity: 1 },
      ],
      requestId: 'req-1',
    });

    expect(catalogue.requested).toEqual([['pen', 'book']]);
  });

  it('rejects unknown products by name and writes nothing', async () => {
    const { place, store } = setup();

    const placing = place({
      customerId: 'customer-1',
      items: [
        { productId: 'book', quantity: 1 },
        { productId: 'lamp', quantity: 1 },
        { productId: 'sofa', quantity: 1 },
      ],
      requestId: 'req-1',
    });

    await expect(placing).rejects.toThrow(ValidationError);
    await expect(placing).rejects.toThrow('Unknown products: lamp, sofa');
    expect(store.createCalls).toHaveLength(0);
    expect(store.outbox).toHaveLength(0);
  });

  it('rejects an order mixing currencies and writes nothing', async () => {
    const { place, store } = setup();

    await expect(
      place({
        customerId: 'customer-1',
        items: [
          { productId: 'book', quantity: 1 },
          { productId: 'tea', quantity: 1 },
        ],
        requestId: 'req-1',
      }),
    ).rejects.toThrow(ValidationError);
    expect(store.createCalls).toHaveLength(0);
  });

  it('propagates a failed write', async () => {
    const { place, store } = setup();
    store.failNextWrite(new TransactionConflictError('order exists'));

    await expect(
      place({ customerId: 'customer-1', items: [{ productId: 'pen', quantity: 1 }], requestId: 'req-1' }),
    ).rejects.toThrow(TransactionConflictError);
    expect(store.orders.size).toBe(0);
  });

  it('gives each order its own ids', async () => {
    const { place, store } = setup();
    const command = {
      customerId: 'customer-1',
      items: [{ productId: 'pen', quantity: 1 }],
      requestId: 'req-1',
    };

    const { order: first } = await place(command);
    const { order: second } = await place(command);

    expect(second.orderId).not.toBe(first.orderId);
    expect(second.sagaId).not.toBe(first.sagaId);
    expect(new Set(store.outbox.map((event) => event.eventId)).size).toBe(2);
  });

  describe('with an Idempotency-Key', () => {
    const keyed = (fingerprint: string, key = 'key-1', caller = 'anonymous') => ({
      customerId: 'customer-1',
      items: [{ productId: 'pen', quantity: 1 }],
      requestId: 'req-1',
      idempotency: { key, caller, fingerprint },
    });

    it('writes the key record with the order it created, expiring after 24 h', async () => {
      const { place, store } = setup();

      const { order } = await place(keyed('fp-1'));

      expect(store.createCalls[0]?.[3]).toEqual({
        requestKey: 'anonymous key-1',
        fingerprint: 'fp-1',
        order,
        expiresAt: Date.parse(NOW) / 1000 + IDEMPOTENCY_KEY_TTL_SECONDS,
      });
    });

    it('replays the first order for a retry with the same key and request, without a second saga', async () => {
      const { place, store } = setup();

      const first = await place(keyed('fp-1'));
      const retry = await place(keyed('fp-1'));

      expect(first.kind).toBe('created');
      expect(retry).toEqual({ kind: 'replayed', order: first.order });
      expect(store.orders.size).toBe(1);
      expect(store.sagas.size).toBe(1);
      expect(store.outbox).toHaveLength(1);
    });

    it('refuses the same key with another request and writes nothing', async () => {
      const { place, store } = setup();
      await place(keyed('fp-1'));

      await expect(place(keyed('fp-2'))).rejects.toThrow(IdempotencyKeyMismatchError);
      await expect(place(keyed('fp-2'))).rejects.toThrow('Idempotency-Key "key-1" was already used');
      expect(store.orders.size).toBe(1);
      expect(store.outbox).toHaveLength(1);
    });

    it('answers in flight when the key conflicted but its holder has not committed', async () => {
      const { place, store } = setup();
      store.failNextWrite(new RequestKeyConflictError('anonymous key-1'));

      const placing = place(keyed('fp-1'));

      await expect(placing).rejects.toThrow(IdempotentRequestInFlightError);
      await expect(placing).rejects.toMatchObject({ key: 'key-1', retryAfterSeconds: 1 });
      expect(store.orders.size).toBe(0);
    });

    it('keeps keys of different callers apart', async () => {
      const { place, store } = setup();

      const first = await place(keyed('fp-1', 'key-1', 'arn:aws:iam::1:user/a'));
      const second = await place(keyed('fp-2', 'key-1', 'arn:aws:iam::1:user/b'));

      expect(second.kind).toBe('created');
      expect(second.order.orderId).not.toBe(first.order.orderId);
      expect(store.orders.size).toBe(2);
    });

    it('frees a key once it has expired', async () => {
      const { place, store, clock } = setup();
      await place(keyed('fp-1'));

      clock.advanceBy(IDEMPOTENCY_KEY_TTL_SECONDS * 1000);
      const later = await place(keyed('fp-2'));

      expect(later.kind).toBe('created');
      expect(store.orders.size).toBe(2);
    });

    it('propagates failures that are not about the key', async () => {
      const { place, store } = setup();
      store.failNextWrite(new TransactionConflictError('order exists'));

      await expect(place(keyed('fp-1'))).rejects.toThrow(TransactionConflictError);
    });
  });
});

import { type EventData, parseEnvelope, TransactionConflictError } from '@saga/shared';
import {
  buildInMemoryIdempotencyRepository,
  buildManualClock,
  buildSequentialIdGenerator,
  buildTestEnvelope,
  countCalls,
} from '@saga/shared/testing';
import type { InventoryInboxEvent } from '../domain/InventoryInboxEvent';
import type { StockLevel } from '../domain/StockLevel';
import { buildInMemoryInventoryStore } from '../testing/buildInMemoryInventoryStore';
import { handleOrderEvent } from './handleOrderEvent';

const NOW = '2030-01-01T12:00:00.000Z';
const ORDER_ID = 'ord-1';

const level = (productId: string, available: number, reserved = 0, sold = 0): StockLevel => ({
  productId,
  available,
  reserved,
  sold,
});

const setup = (stock: StockLevel[] = [level('book', 5), level('pen', 10)]) => {
  const idempotency = buildInMemoryIdempotencyRepository();
  const store = buildInMemoryInventoryStore(idempotency, stock);
  const handle = handleOrderEvent({
    store,
    idempotency,
    clock: buildManualClock(NOW),
    newId: buildSequentialIdGenerator(),
  });
  return { idempotency, store, handle };
};

const created = (lines: EventData<'order.created'>['lines'], totalCents = 1000) =>
  buildTestEnvelope('order.created', { orderId: ORDER_ID, customerId: 'customer-1', lines, totalCents });
const cancelled = () => buildTestEnvelope('order.cancelled', { orderId: ORDER_ID });
const confirmed = () => buildTestEnvelope('order.confirmed', { orderId: ORDER_ID });

describe('handleOrderEvent', () => {
  describe('order.created', () => {
    it('holds the stock and replies inventory.reserved with merged lines', async () => {
      const { handle, store } = setup();
      const command = created(
        [
          { productId: 'book', quantity: 2, unitPriceCents: 300 },
          { productId: 'pen', quantity: 1, unitPriceCents: 100 },
          { productId: 'book', quantity: 1, unitPriceCents: 300 },
        ],
        1000,
      );

      await expect(handle(command)).resolves.toBe('applied');

      expect(store.stock.get('book')).toEqual(level('book', 2, 3));
      expect(store.stock.get('pen')).toEqual(level('pen', 9, 1));
      expect(store.reservations.get(ORDER_ID)).toEqual({
        orderId: ORDER_ID,
        status: 'HELD',
        lines: [
          { productId: 'book', quantity: 3 },
          { productId: 'pen', quantity: 1 },
        ],
        updatedAt: NOW,
        lastEventId: command.eventId,
      });
      expect(store.outbox).toEqual([
        {
          eventId: '00000000-0000-4000-8000-000000000001',
          eventType: 'inventory.reserved',
          source: 'saga.inventory',
          occurredAt: NOW,
          correlationId: ORDER_ID,
          causationId: command.eventId,
          schemaVersion: 1,
          data: {
            orderId: ORDER_ID,
            customerId: 'customer-1',
            lines: [
              { productId: 'book', quantity: 3 },
              { productId: 'pen', quantity: 1 },
            ],
            totalCents: 1000,
            currency: 'USD',
          },
        },
      ]);
      expect(() => parseEnvelope(store.outbox[0], ['inventory.reserved'])).not.toThrow();
    });

    it('reads nothing on the first attempt: the write conditions check reservation and stock', async () => {
      const { handle, store } = setup();
      const reads = countCalls(store, ['getReservation', 'getStock']);

      await handle(created([{ productId: 'book', quantity: 2, unitPriceCents: 300 }]));

      expect(reads).toEqual({ getReservation: 0, getStock: 0 });
      expect(store.commits).toHaveLength(1);
    });

    it('falls back to reading when the optimistic reservation is cancelled by its conditions', async () => {
      const { handle, store } = setup();
      const reads = countCalls(store, ['getReservation', 'getStock']);

      await handle(created([{ productId: 'book', quantity: 6, unitPriceCents: 300 }]));

      expect(reads).toEqual({ getReservation: 1, getStock: 1 });
      expect(store.commits.map((write) => write.changes.map((change) => change.kind))).toEqual([
        ['reservationOpened', 'stockMoved'],
        ['reservationOpened'],
      ]);
    });

    it('rejects a short order without touching stock, naming the product and shortfall', async () => {
      const { handle, store } = setup();

      await handle(
        created([
          { productId: 'book', quantity: 6, unitPriceCents: 300 },
          { productId: 'pen', quantity: 1, unitPriceCents: 100 },
        ]),
      );

      expect(store.stock.get('book')).toEqual(level('book', 5));
      expect(store.stock.get('pen')).toEqual(level('pen', 10));
      expect(store.reservations.get(ORDER_ID)?.status).toBe('REJECTED');
      expect(store.outbox).toHaveLength(1);
      expect(store.outbox[0]).toMatchObject({
        eventType: 'inventory.reservation.failed',
        data: {
          orderId: ORDER_ID,
          reason: 'Insufficient stock: book requested 6, available 5',
          shortages: [{ productId: 'book', requested: 6, available: 5 }],
        },
      });
    });

    it('treats a product without a stock record as out of stock', async () => {
      const { handle, store } = setup();

      await handle(created([{ productId: 'lamp', quantity: 1, unitPriceCents: 100 }]));

      expect(store.outbox[0]).toMatchObject({
        eventType: 'inventory.reservation.failed',
        data: { shortages: [{ productId: 'lamp', requested: 1, available: 0 }] },
      });
    });

    it('reports a duplicate delivery and holds stock only once', async () => {
      const { handle, store, idempotency } = setup();
      const command = created([{ productId: 'book', quantity: 2, unitPriceCents: 300 }]);

      await handle(command);
      await expect(handle(command)).resolves.toBe('duplicate');

      // No dedupe record: the replay's unread reservation is cancelled by its own condition, then
      // the read finds the reservation this event opened.
      expect(store.commits.map((write) => write.processed)).toEqual([undefined, undefined]);
      expect(store.stock.get('book')).toEqual(level('book', 3, 2));
      expect(store.outbox).toHaveLength(1);
      expect(idempotency.processed()).toEqual([]);
    });

    it('ignores a second order.created for the same order under a new event id', async () => {
      const { handle, store, idempotency } = setup();
      await handle(created([{ productId: 'book', quantity: 2, unitPriceCents: 300 }]));
      const again = created([{ productId: 'book', quantity: 2, unitPriceCents: 300 }]);

      await expect(handle(again)).resolves.toBe('duplicate');

      expect(store.stock.get('book')).toEqual(level('book', 3, 2));
      expect(store.outbox).toHaveLength(1);
      expect(idempotency.processed()).toEqual([]);
    });

    it('rereads stock and rejects when a concurrent order took it first', async () => {
      const { handle, store } = setup([level('book', 2)]);
      const commit = store.commit;
      let raced = false;
      store.commit = async (write) => {
        if (!raced) {
          raced = true;
          store.stock.set('book', level('book', 0, 2));
        }
        return commit(write);
      };

      await expect(handle(created([{ productId: 'book', quantity: 2, unitPriceCents: 300 }]))).resolves.toBe(
        'applied',
      );

      // First decided unread (reserve) and cancelled by the stock condition, then read and rejected.
      expect(
        store.commits.map(
          (write) => write.changes[0]?.kind === 'reservationOpened' && write.changes[0].reservation.status,
        ),
      ).toEqual(['HELD', 'REJECTED']);
      expect(store.stock.get('book')).toEqual(level('book', 0, 2));
      expect(store.outbox.map((event) => event.eventType)).toEqual(['inventory.reservation.failed']);
    });
  });

  describe('order.cancelled', () => {
    it('releases held stock and replies inventory.released with the lines', async () => {
      const { handle, store } = setup();
      await handle(created([{ productId: 'book', quantity: 2, unitPriceCents: 300 }]));
      const cancel = cancelled();

      await expect(handle(cancel)).resolves.toBe('applied');

      expect(store.stock.get('book')).toEqual(level('book', 5, 0));
      expect(store.reservations.get(ORDER_ID)?.status).toBe('RELEASED');
      expect(store.outbox[1]).toMatchObject({
        eventType: 'inventory.released',
        causationId: cancel.eventId,
        data: { orderId: ORDER_ID, releasedLines: [{ productId: 'book', quantity: 2 }] },
      });
    });

    it('confirms nothing was held after a rejection, so the saga can finish compensating', async () => {
      const { handle, store } = setup();
      await handle(created([{ productId: 'book', quantity: 9, unitPriceCents: 300 }]));

      await handle(cancelled());

      expect(store.reservations.get(ORDER_ID)?.status).toBe('REJECTED');
      expect(store.stock.get('book')).toEqual(level('book', 5));
      expect(store.outbox.map((event) => event.eventType)).toEqual([
        'inventory.reservation.failed',
        'inventory.released',
      ]);
      expect(store.outbox[1]?.data).toEqual({ orderId: ORDER_ID, releasedLines: [] });
    });

    it('voids the order when cancelled first, so a late order.created reserves nothing', async () => {
      const { handle, store } = setup();

      const cancel = cancelled();
      await handle(cancel);
      await expect(handle(created([{ productId: 'book', quantity: 2, unitPriceCents: 300 }]))).resolves.toBe(
        'duplicate',
      );

      expect(store.reservations.get(ORDER_ID)).toEqual({
        orderId: ORDER_ID,
        status: 'VOIDED',
        lines: [],
        updatedAt: NOW,
        lastEventId: cancel.eventId,
      });
      expect(store.stock.get('book')).toEqual(level('book', 5));
      expect(store.outbox.map((event) => [event.eventType, event.data])).toEqual([
        ['inventory.released', { orderId: ORDER_ID, releasedLines: [] }],
      ]);
    });

    it('releases only once when cancelled twice under different event ids, but answers both', async () => {
      const { handle, store } = setup();
      await handle(created([{ productId: 'book', quantity: 2, unitPriceCents: 300 }]));

      await handle(cancelled());
      await handle(cancelled());

      expect(store.stock.get('book')).toEqual(level('book', 5, 0));
      // The deadline sweeper re-sends cancellations: the second answer releases nothing more.
      expect(
        store.outbox.filter((event) => event.eventType === 'inventory.released').map((event) => event.data),
      ).toEqual([
        { orderId: ORDER_ID, releasedLines: [{ productId: 'book', quantity: 2 }] },
        { orderId: ORDER_ID, releasedLines: [] },
      ]);
    });

    it('answers a replayed cancellation once: the release it made records the event', async () => {
      const { handle, store, idempotency } = setup();
      await handle(created([{ productId: 'book', quantity: 2, unitPriceCents: 300 }]));
      const cancel = cancelled();

      await expect(handle(cancel)).resolves.toBe('applied');
      await expect(handle(cancel)).resolves.toBe('duplicate');

      expect(store.outbox.filter((event) => event.eventType === 'inventory.released')).toHaveLength(1);
      expect(idempotency.processed()).toEqual([]);
    });

    it('answers a replayed "nothing held" once, through its dedupe record', async () => {
      const { handle, store, idempotency } = setup();
      await handle(created([{ productId: 'book', quantity: 9, unitPriceCents: 300 }]));
      const cancel = cancelled();

      await expect(handle(cancel)).resolves.toBe('applied');
      await expect(handle(cancel)).resolves.toBe('duplicate');

      // Reply-only: no change's condition could catch the replay, so the record did, then a read.
      expect(store.commits.map((write) => write.processed?.eventId)).toEqual([
        undefined,
        undefined,
        cancel.eventId,
        cancel.eventId,
      ]);
      expect(store.outbox.filter((event) => event.eventType === 'inventory.released')).toHaveLength(1);
      expect(idempotency.processed().map((event) => event.eventId)).toEqual([cancel.eventId]);
    });

    it('does not read stock', async () => {
      const { handle, store } = setup();
      const getStock = jest.spyOn(store, 'getStock');

      await handle(cancelled());

      expect(getStock).not.toHaveBeenCalled();
    });
  });

  describe('order.confirmed', () => {
    it('marks held stock sold and replies nothing', async () => {
      const { handle, store } = setup();
      await handle(created([{ productId: 'book', quantity: 2, unitPriceCents: 300 }]));

      await expect(handle(confirmed())).resolves.toBe('applied');

      expect(store.stock.get('book')).toEqual(level('book', 3, 0, 2));
      expect(store.reservations.get(ORDER_ID)?.status).toBe('COMMITTED');
      expect(store.outbox.map((event) => event.eventType)).toEqual(['inventory.reserved']);
    });

    it('ignores a confirmation without a reservation, writing nothing', async () => {
      const { handle, store, idempotency } = setup();

      await expect(handle(confirmed())).resolves.toBe('duplicate');

      expect(store.commits).toEqual([]);
      expect(store.outbox).toEqual([]);
      expect(idempotency.processed()).toEqual([]);
    });

    it('never releases stock already sold', async () => {
      const { handle, store } = setup();
      await handle(created([{ productId: 'book', quantity: 2, unitPriceCents: 300 }]));
      await handle(confirmed());

      await handle(cancelled());

      expect(store.stock.get('book')).toEqual(level('book', 3, 0, 2));
      expect(store.reservations.get(ORDER_ID)?.status).toBe('COMMITTED');
    });
  });

  it('keeps available + reserved + sold constant through a whole saga', async () => {
    const { handle, store } = setup();
    const total = (productId: string) => {
      const stock = store.stock.get(productId);
      return (stock?.available ?? 0) + (stock?.reserved ?? 0) + (stock?.sold ?? 0);
    };
    const commands: InventoryInboxEvent[] = [
      created([{ productId: 'book', quantity: 2, unitPriceCents: 300 }]),
      confirmed(),
    ];

    for (const command of commands) {
      await handle(command);
      expect(total('book')).toBe(5);
    }
  });

  it('propagates an error that is not a conflict', async () => {
    const { handle, store } = setup();
    store.failNextWrite(new Error('ProvisionedThroughputExceeded'));

    await expect(handle(cancelled())).rejects.toThrow('ProvisionedThroughputExceeded');
  });

  it('retries a conflicting write', async () => {
    const { handle, store } = setup();
    store.failNextWrite(new TransactionConflictError('busy'));

    await expect(handle(cancelled())).resolves.toBe('applied');

    expect(store.commits).toHaveLength(2);
    expect(store.reservations.get(ORDER_ID)?.status).toBe('VOIDED');
  });
});

import type { EventData } from '@saga/shared';
import { buildTestEnvelope } from '@saga/shared/testing';
import { decideInventory } from './decideInventory';
import type { InventoryInboxEvent } from './InventoryInboxEvent';
import type { Reservation, ReservationStatus } from './Reservation';
import type { StockLevel } from './StockLevel';

const AT = '2030-01-02T00:00:00.000Z';
const created = (lines: EventData<'order.created'>['lines']) =>
  buildTestEnvelope('order.created', {
    orderId: 'ord-1',
    customerId: 'c-1',
    lines,
    totalCents: 700,
    currency: 'USD',
  });
const cancelled = buildTestEnvelope('order.cancelled', { orderId: 'ord-1' });
const confirmed = buildTestEnvelope('order.confirmed', { orderId: 'ord-1' });

const reservation = (status: ReservationStatus): Reservation => ({
  orderId: 'ord-1',
  status,
  lines: [{ productId: 'a', quantity: 2 }],
  updatedAt: '2030-01-01T00:00:00.000Z',
});

const stock = new Map<string, StockLevel>([
  ['a', { productId: 'a', available: 3, reserved: 0, sold: 0 }],
  ['b', { productId: 'b', available: 0, reserved: 1, sold: 0 }],
]);
const noStock = new Map<string, StockLevel>();
const nothingHeld = { type: 'inventory.released', data: { orderId: 'ord-1', releasedLines: [] } };

describe('decideInventory: state changes and replies, decided together', () => {
  describe('order.created', () => {
    it('holds merged stock lines without prices and replies inventory.reserved when everything is available', () => {
      const command = created([
        { productId: 'a', quantity: 1, unitPriceCents: 100 },
        { productId: 'a', quantity: 2, unitPriceCents: 100 },
      ]);
      const lines = [{ productId: 'a', quantity: 3 }];

      expect(decideInventory(command, undefined, stock, AT)).toEqual({
        changes: [
          {
            kind: 'reservationOpened',
            reservation: {
              orderId: 'ord-1',
              status: 'HELD',
              lines,
              updatedAt: AT,
              lastEventId: command.eventId,
            },
          },
          { kind: 'stockMoved', line: lines[0], from: 'available', to: 'reserved' },
        ],
        replies: [
          {
            type: 'inventory.reserved',
            data: { orderId: 'ord-1', customerId: 'c-1', lines, totalCents: 700, currency: 'USD' },
          },
        ],
      });
    });

    it('records a REJECTED reservation of the requested lines and replies the shortages and reason when stock is short', () => {
      const command = created([
        { productId: 'a', quantity: 1, unitPriceCents: 100 },
        { productId: 'b', quantity: 2, unitPriceCents: 300 },
      ]);

      expect(decideInventory(command, undefined, stock, AT)).toEqual({
        changes: [
          {
            kind: 'reservationOpened',
            reservation: {
              orderId: 'ord-1',
              status: 'REJECTED',
              lines: [
                { productId: 'a', quantity: 1 },
                { productId: 'b', quantity: 2 },
              ],
              updatedAt: AT,
              lastEventId: command.eventId,
            },
          },
        ],
        replies: [
          {
            type: 'inventory.reservation.failed',
            data: {
              orderId: 'ord-1',
              shortages: [{ productId: 'b', requested: 2, available: 0 }],
              reason: 'Insufficient stock: b requested 2, available 0',
            },
          },
        ],
      });
    });

    it.each<ReservationStatus>(['HELD', 'RELEASED', 'COMMITTED', 'REJECTED', 'VOIDED'])(
      'ignores a repeated or late order.created when the reservation is already %s',
      (status) => {
        const command = created([{ productId: 'a', quantity: 1, unitPriceCents: 100 }]);

        expect(decideInventory(command, reservation(status), stock, AT)).toEqual({
          changes: [],
          replies: [],
          ignored: `reservation already ${status}`,
        });
      },
    );
  });

  describe('order.cancelled', () => {
    it('leaves a VOIDED tombstone and replies nothing held when the cancellation arrives first', () => {
      expect(decideInventory(cancelled, undefined, noStock, AT)).toEqual({
        changes: [
          {
            kind: 'reservationOpened',
            reservation: {
              orderId: 'ord-1',
              status: 'VOIDED',
              lines: [],
              updatedAt: AT,
              lastEventId: cancelled.eventId,
            },
          },
        ],
        replies: [nothingHeld],
      });
    });

    it('releases a HELD reservation back to available and replies the released lines', () => {
      const held = reservation('HELD');

      expect(decideInventory(cancelled, held, noStock, AT)).toEqual({
        changes: [
          {
            kind: 'reservationClosed',
            orderId: 'ord-1',
            status: 'RELEASED',
            at: AT,
            eventId: cancelled.eventId,
          },
          { kind: 'stockMoved', line: held.lines[0], from: 'reserved', to: 'available' },
        ],
        replies: [{ type: 'inventory.released', data: { orderId: 'ord-1', releasedLines: held.lines } }],
      });
    });

    it.each<ReservationStatus>(['REJECTED', 'RELEASED', 'VOIDED'])(
      'changes nothing but answers again that nothing is held when the reservation is %s',
      (status) => {
        expect(decideInventory(cancelled, reservation(status), noStock, AT)).toEqual({
          changes: [],
          replies: [nothingHeld],
        });
      },
    );

    it('decides nothing for a replay of the cancellation that released or voided the reservation', () => {
      for (const status of ['RELEASED', 'VOIDED'] as const) {
        const closedByIt = { ...reservation(status), lastEventId: cancelled.eventId };

        expect(decideInventory(cancelled, closedByIt, noStock, AT)).toEqual({
          changes: [],
          replies: [],
          ignored: 'event already applied',
        });
      }
    });

    it('ignores a cancellation of a COMMITTED (sold) reservation', () => {
      expect(decideInventory(cancelled, reservation('COMMITTED'), noStock, AT)).toEqual({
        changes: [],
        replies: [],
        ignored: 'reservation already COMMITTED',
      });
    });
  });

  describe('order.confirmed', () => {
    it('sells a HELD reservation, replying nothing', () => {
      const held = reservation('HELD');

      expect(decideInventory(confirmed, held, noStock, AT)).toEqual({
        changes: [
          {
            kind: 'reservationClosed',
            orderId: 'ord-1',
            status: 'COMMITTED',
            at: AT,
            eventId: confirmed.eventId,
          },
          { kind: 'stockMoved', line: held.lines[0], from: 'reserved', to: 'sold' },
        ],
        replies: [],
      });
    });

    it('ignores it when there is no reservation', () => {
      expect(decideInventory(confirmed, undefined, noStock, AT)).toEqual({
        changes: [],
        replies: [],
        ignored: 'reservation is missing',
      });
    });

    it.each<ReservationStatus>(['RELEASED', 'COMMITTED', 'REJECTED', 'VOIDED'])(
      'ignores it when the reservation is %s',
      (status) => {
        expect(decideInventory(confirmed, reservation(status), noStock, AT)).toEqual({
          changes: [],
          replies: [],
          ignored: `reservation is ${status}`,
        });
      },
    );
  });

  it('throws on a command it does not know', () => {
    const unknown = { ...confirmed, eventType: 'order.shipped' } as unknown as InventoryInboxEvent;

    expect(() => decideInventory(unknown, undefined, noStock, AT)).toThrow(TypeError);
  });
});

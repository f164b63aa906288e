import type { EventData } from '@saga/shared';
import { buildTestEnvelope } from '@saga/shared/testing';
import { decideInventory } from './decideInventory';
import type { InventoryCommand } from './InventoryCommand';
import type { Reservation, ReservationStatus } from './Reservation';
import type { StockLevel } from './StockLevel';

const created = (lines: EventData<'order.created'>['lines']) =>
  buildTestEnvelope('order.created', { orderId: 'ord-1', lines });
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

describe('decideInventory', () => {
  describe('order.created', () => {
    it('reserves merged stock lines without prices when everything is available', () => {
      const command = created([
        { productId: 'a', quantity: 1, unitPriceCents: 100 },
        { productId: 'a', quantity: 2, unitPriceCents: 100 },
      ]);

      expect(decideInventory(command, undefined, stock)).toEqual({
        kind: 'reserve',
        lines: [{ productId: 'a', quantity: 3 }],
      });
    });

    it('rejects with the shortages, the reason and the requested lines when stock is short', () => {
      const command = created([
        { productId: 'a', quantity: 1, unitPriceCents: 100 },
        { productId: 'b', quantity: 2, unitPriceCents: 300 },
      ]);

      expect(decideInventory(command, undefined, stock)).toEqual({
        kind: 'reject',
        shortages: [{ productId: 'b', requested: 2, available: 0 }],
        reason: 'Insufficient stock: b requested 2, available 0',
        lines: [
          { productId: 'a', quantity: 1 },
          { productId: 'b', quantity: 2 },
        ],
      });
    });

    it.each<ReservationStatus>(['HELD', 'RELEASED', 'COMMITTED', 'REJECTED', 'VOIDED'])(
      'ignores a repeated or late order.created when the reservation is already %s',
      (status) => {
        const command = created([{ productId: 'a', quantity: 1, unitPriceCents: 100 }]);

        expect(decideInventory(command, reservation(status), stock)).toEqual({
          kind: 'ignore',
          why: `reservation already ${status}`,
        });
      },
    );
  });

  describe('order.cancelled', () => {
    it('voids when the cancellation arrives before any reservation', () => {
      expect(decideInventory(cancelled, undefined, noStock)).toEqual({ kind: 'void' });
    });

    it('releases a HELD reservation', () => {
      const held = reservation('HELD');

      expect(decideInventory(cancelled, held, noStock)).toEqual({ kind: 'release', reservation: held });
    });

    it('confirms nothing is held after a rejection', () => {
      expect(decideInventory(cancelled, reservation('REJECTED'), noStock)).toEqual({
        kind: 'confirm-nothing-held',
      });
    });

    it.each<ReservationStatus>(['RELEASED', 'VOIDED'])(
      'answers a repeated cancellation again when the reservation is %s (nothing held)',
      (status) => {
        expect(decideInventory(cancelled, reservation(status), noStock)).toEqual({
          kind: 'confirm-nothing-held',
        });
      },
    );

    it('ignores a cancellation of a COMMITTED (sold) reservation', () => {
      expect(decideInventory(cancelled, reservation('COMMITTED'), noStock)).toEqual({
        kind: 'ignore',
        why: 'reservation already COMMITTED',
      });
    });
  });

  describe('order.confirmed', () => {
    it('commits a HELD reservation', () => {
      const held = reservation('HELD');

      expect(decideInventory(confirmed, held, noStock)).toEqual({ kind: 'commit', reservation: held });
    });

    it('ignores it when there is no reservation', () => {
      expect(decideInventory(confirmed, undefined, noStock)).toEqual({
        kind: 'ignore',
        why: 'reservation is missing',
      });
    });

    it.each<ReservationStatus>(['RELEASED', 'COMMITTED', 'REJECTED', 'VOIDED'])(
      'ignores it when the reservation is %s',
      (status) => {
        expect(decideInventory(confirmed, reservation(status), noStock)).toEqual({
          kind: 'ignore',
          why: `reservation is ${status}`,
        });
      },
    );
  });

  it('throws on a command it does not know', () => {
    const unknown = { ...confirmed, eventType: 'order.shipped' } as unknown as InventoryCommand;

    expect(() => decideInventory(unknown, undefined, noStock)).toThrow(TypeError);
  });
});

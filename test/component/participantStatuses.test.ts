import type { Reservation } from '@saga/inventory/src/domain/Reservation';
import type { PaymentStatus, ReservationStatus } from '@saga/orders/src/ports/SagaVerification';
import type { Payment } from '@saga/payments/src/domain/Payment';

/**
 * The reconciler's view of the participants' statuses is the participants' own: these assignments
 * only compile while the unions are equal, so a status added or renamed in one service fails here.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const reservationStatusesMatch: Same<ReservationStatus, Reservation['status']> = true;
const paymentStatusesMatch: Same<PaymentStatus, Payment['status']> = true;

describe('participant statuses read by the reconciler', () => {
  it('equal the statuses their services own (checked by the compiler)', () => {
    expect([reservationStatusesMatch, paymentStatusesMatch]).toEqual([true, true]);
  });
});

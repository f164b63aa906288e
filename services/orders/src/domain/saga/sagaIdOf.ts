/**
 * A saga's id follows from its order's, so a reader that knows the order id knows both keys and
 * reads order and saga in one request. Sagas created before this rule have random ids: the order's
 * `sagaId` stays the reference, and readers fall back to it when the derived key finds nothing.
 */
export const sagaIdOf = (orderId: string): string => `saga-${orderId}`;

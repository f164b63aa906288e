import type { Order } from '../domain/order/Order';

/** The API's view of an order: internal bookkeeping (version) is not part of the contract. */
export const toOrderView = ({ version: _version, ...order }: Order) => order;

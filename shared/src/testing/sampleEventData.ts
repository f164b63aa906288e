import {
  type EventData,
  type EventType,
  EXAMPLE_CUSTOMER_ID,
  EXAMPLE_ORDER_ID,
  eventRegistry,
  eventTypes,
} from '../events/eventRegistry';

export const SAMPLE_ORDER_ID = EXAMPLE_ORDER_ID;
export const SAMPLE_CUSTOMER_ID = EXAMPLE_CUSTOMER_ID;

/** One valid payload per event type, all about the same order: the registry's examples. */
export const sampleEventData = Object.fromEntries(
  eventTypes.map((type) => [type, eventRegistry[type].example]),
) as { readonly [T in EventType]: EventData<T> };

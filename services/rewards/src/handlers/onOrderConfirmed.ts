import { type EventEnvelope, eventHandler } from '@saga/shared';
import { wireRewards } from '../dependencies';
import { awardPoints } from '../useCases/awardPoints';

/** order.confirmed → award points once. */
export const handler = eventHandler<EventEnvelope<'order.confirmed'>>(
  ['order.confirmed'],
  awardPoints(wireRewards()),
);

import { type EventEnvelope, queueEventHandler } from '@saga/shared';
import { wireRewards } from '../dependencies';
import { awardPoints } from '../useCases/awardPoints';

/** order.confirmed → award points once. */
export const handler = queueEventHandler<EventEnvelope<'order.confirmed'>>(
  ['order.confirmed'],
  awardPoints(wireRewards()),
);

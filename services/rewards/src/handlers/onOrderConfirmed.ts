import {
  type EnvelopeOf,
  type EventTypeConsumedBy,
  eventTypesConsumedBy,
  queueEventHandler,
} from '@saga/shared';
import { wireRewards } from '../dependencies';
import { awardPoints } from '../useCases/awardPoints';

/** order.confirmed → award points once. */
export const handler = queueEventHandler<EnvelopeOf<EventTypeConsumedBy<'rewards'>>>(
  eventTypesConsumedBy('rewards'),
  awardPoints(wireRewards()),
);

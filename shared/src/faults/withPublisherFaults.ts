import type { AnyEventEnvelope } from '../events/EventEnvelope';
import type { EventPublisher } from '../outbox/EventPublisher';
import { type FaultPlan, planFor } from './FaultPlan';

/** Wraps the bus publisher with partial batch failures, duplicate sends and silently lost events. */
export const withPublisherFaults = (
  publisher: EventPublisher,
  plans: readonly FaultPlan[],
  random: () => number = Math.random,
): EventPublisher => {
  const active = plans.filter((p) => p.failPublish > 0 || p.duplicatePublish > 0 || p.skipPublish > 0);
  if (active.length === 0) return publisher;
  return {
    async publish(envelopes) {
      const failed: { eventId: string; reason: string }[] = [];
      const toSend = envelopes.flatMap((envelope): AnyEventEnvelope[] => {
        const plan = planFor(active, envelope);
        if (random() < plan.skipPublish) return [];
        if (random() < plan.failPublish) {
          failed.push({ eventId: envelope.eventId, reason: 'injected PutEvents entry failure' });
          return [];
        }
        return random() < plan.duplicatePublish ? [envelope, envelope] : [envelope];
      });
      const result = await publisher.publish(toSend);
      return { published: [...new Set(result.published)], failed: [...result.failed, ...failed] };
    },
  };
};

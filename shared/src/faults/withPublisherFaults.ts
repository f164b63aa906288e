import type { EventPublisher } from '../outbox/EventPublisher';
import type { FaultPlan } from './FaultPlan';

/** Wraps the bus publisher with partial batch failures and duplicate sends. */
export const withPublisherFaults = (
  publisher: EventPublisher,
  plan: FaultPlan,
  random: () => number = Math.random,
): EventPublisher => {
  if (plan.failPublish === 0 && plan.duplicatePublish === 0) return publisher;
  return {
    async publish(envelopes) {
      const failed: { eventId: string; reason: string }[] = [];
      const toSend = envelopes.flatMap((envelope) => {
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

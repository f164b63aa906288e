import type {
  AwaitingVerification,
  ParticipantEffects,
  ParticipantEffectsReader,
  TerminalEventRepublisher,
  VerificationQueue,
} from '../ports/SagaVerification';

/** The sparse verification index in memory: entries with the time they became due-able. */
export const buildInMemoryVerificationQueue = (
  entries: readonly (AwaitingVerification & { since: Date })[] = [],
): VerificationQueue & { readonly entries: Map<string, AwaitingVerification & { since: Date }> } => {
  const map = new Map(entries.map((entry) => [entry.orderId, entry]));
  return {
    entries: map,
    async findDue(before, limit) {
      return [...map.values()]
        .filter(({ since }) => since < before)
        .sort((a, b) => a.since.getTime() - b.since.getTime())
        .slice(0, limit)
        .map(({ since: _since, ...entry }) => entry);
    },
    async markVerified(orderId) {
      map.delete(orderId);
    },
    async recordRepair(orderId, at, attempts) {
      const entry = map.get(orderId);
      if (entry) map.set(orderId, { ...entry, since: at, attempts });
    },
  };
};

export const buildInMemoryParticipantEffects = (
  effects: Record<string, ParticipantEffects>,
): ParticipantEffectsReader => ({
  async readMany(orderIds) {
    return new Map(
      orderIds.map((orderId) => [
        orderId,
        effects[orderId] ?? { reservation: undefined, payment: undefined, awarded: false },
      ]),
    );
  },
});

/** Records republished ids; `deliver` plays the participants' idempotent answer, when given. */
export const buildInMemoryRepublisher = (
  known: ReadonlySet<string>,
  deliver: (eventId: string) => void = () => {},
): TerminalEventRepublisher & { readonly republished: string[] } => {
  const republished: string[] = [];
  return {
    republished,
    async republish(eventId) {
      if (!known.has(eventId)) return false;
      republished.push(eventId);
      deliver(eventId);
      return true;
    },
  };
};

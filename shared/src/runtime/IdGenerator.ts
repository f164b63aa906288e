import { randomUUID } from 'node:crypto';

/** Identifiers are injected so tests can predict them. */
export type IdGenerator = () => string;

export const uuidGenerator: IdGenerator = () => randomUUID();

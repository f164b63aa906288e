import { buildRelayHandler } from '@saga/shared';

export const handler = buildRelayHandler();

import { buildConfirmPublishedHandler } from '@saga/shared';

export const handler = buildConfirmPublishedHandler();

import { buildSweeperHandler } from '@saga/shared';

export const handler = buildSweeperHandler();

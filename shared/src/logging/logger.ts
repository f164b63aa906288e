import { Logger } from '@aws-lambda-powertools/logger';
import { LeanLogFormatter } from './LeanLogFormatter';

/** One structured JSON logger per function; the service name comes from POWERTOOLS_SERVICE_NAME. */
export const logger = new Logger({ logFormatter: new LeanLogFormatter() });

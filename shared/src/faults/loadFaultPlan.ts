import { z } from 'zod';
import { ConfigurationError } from '../errors/ConfigurationError';
import { logger } from '../logging/logger';
import { type FaultPlan, noFaults } from './FaultPlan';

const Probability = z.number().min(0).max(1);
const FaultPlanSchema = z
  .object({
    crashBeforeCommit: Probability,
    crashAfterCommit: Probability,
    delayMs: z.number().int().min(0).max(10_000),
    failPublish: Probability,
    duplicatePublish: Probability,
  })
  .partial()
  .strict();

/**
 * Reads FAULTS (JSON) once at cold start. It takes effect only when the stage allows fault
 * injection; anywhere else a FAULTS value is ignored and reported, so it cannot be switched on
 * in production by accident.
 */
export const loadFaultPlan = (env: NodeJS.ProcessEnv = process.env): FaultPlan => {
  const raw = env.FAULTS;
  if (raw === undefined || raw.trim() === '' || raw.trim() === '{}') return noFaults;
  if (env.FAULT_INJECTION_ALLOWED !== 'true') {
    logger.error('FAULTS is set but this stage does not allow fault injection; ignoring it');
    return noFaults;
  }
  const parsed = FaultPlanSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new ConfigurationError(`Invalid FAULTS: ${parsed.error.message}`);
  const plan = { ...noFaults, ...parsed.data };
  logger.warn('Fault injection active', { ...plan });
  return plan;
};

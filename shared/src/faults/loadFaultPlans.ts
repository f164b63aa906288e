import * as z from 'zod';
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
    skipPublish: Probability,
    scope: z.string().min(1),
  })
  .partial()
  .strict();
// One plan, or several with distinct scopes (tests running side by side on one deployment).
const FaultsSchema = z.union([FaultPlanSchema, z.array(FaultPlanSchema)]);

const parseJson = (raw: string): unknown => {
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new ConfigurationError('Invalid FAULTS: not JSON', { cause: error });
  }
};

/**
 * Reads FAULTS (JSON) once at cold start. It takes effect only when the stage allows fault
 * injection; anywhere else a FAULTS value is ignored and reported, so it cannot be switched on
 * in production by accident. No plans: no faults.
 */
export const loadFaultPlans = (env: NodeJS.ProcessEnv = process.env): FaultPlan[] => {
  const raw = env.FAULTS?.trim();
  if (raw === undefined || raw === '' || raw === '{}' || raw === '[]') return [];
  if (env.FAULT_INJECTION_ALLOWED !== 'true') {
    logger.error('FAULTS is set but this stage does not allow fault injection; ignoring it');
    return [];
  }
  const parsed = FaultsSchema.safeParse(parseJson(raw));
  if (!parsed.success) throw new ConfigurationError(`Invalid FAULTS: ${parsed.error.message}`);
  const plans = (Array.isArray(parsed.data) ? parsed.data : [parsed.data]).map((plan) => ({
    ...noFaults,
    ...plan,
  }));
  logger.warn('Fault injection active', { plans });
  return plans;
};

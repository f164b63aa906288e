import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { awsClientConfig } from '../../scripts/lib/awsClientConfig';

export interface CollectedUsage {
  readonly counts: Record<string, number>;
  readonly invocations: number;
  readonly billedMs: number;
  readonly eventsHandled: number;
  /** Invocations of the queue consumers (functions that logged "Event handled"): one SQS batch each. */
  readonly consumerInvocations: number;
  /** Written partition keys (`table|attribute|value`), summed over every invocation. */
  readonly partitionWrites: Record<string, number>;
  /**
   * What CloudWatch Logs would ingest: each log event's UTF-8 bytes plus its 26-byte overhead, the
   * benchmark's own "AWS requests" lines left out (production functions do not write them).
   */
  readonly logIngestedBytes: number;
}

/** CloudWatch Logs bills each ingested event as its UTF-8 size plus 26 bytes. */
export const LOG_EVENT_OVERHEAD_BYTES = 26;

/**
 * The bytes a log event costs at ingestion. Lambda sends each line as its own event (an emulator may
 * group an invocation's lines into one), so lines are priced one by one; the benchmark's own
 * request-log lines cost nothing.
 */
export const ingestedBytes = (message: string): number =>
  message
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.includes('"message":"AWS requests"'))
    .reduce((sum, line) => sum + Buffer.byteLength(line, 'utf8') + LOG_EVENT_OVERHEAD_BYTES, 0);

/**
 * Reads what the functions logged in a time window: each invocation's "AWS requests" line (from the
 * SDK middleware, which the benchmark switches on with SAGA_REQUEST_LOG), Lambda's REPORT lines
 * (billed duration), the consumers' "Event handled" lines, and the size of everything logged.
 */
export const collectUsage = async (functionNames: readonly string[], startTime: number, endTime: number) => {
  const client = new CloudWatchLogsClient(awsClientConfig);
  const usage = {
    counts: {} as Record<string, number>,
    invocations: 0,
    billedMs: 0,
    eventsHandled: 0,
    consumerInvocations: 0,
    partitionWrites: {} as Record<string, number>,
    logIngestedBytes: 0,
  };
  try {
    for (const name of functionNames) {
      let nextToken: string | undefined;
      let invocations = 0;
      let handled = 0;
      do {
        const page = await client.send(
          new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${name}`, startTime, endTime, nextToken }),
        );
        for (const event of page.events ?? []) {
          usage.logIngestedBytes += ingestedBytes(event.message ?? '');
          for (const line of (event.message ?? '').split(/[\t\n]/)) {
            const billed = /Billed Duration: (\d+) ms/.exec(line);
            if (billed) usage.billedMs += Number(billed[1]);
            if (!line.startsWith('{')) continue;
            const entry = JSON.parse(line) as {
              message?: string;
              awsRequests?: Record<string, number>;
              partitionWrites?: Record<string, number>;
            };
            if (entry.message === 'Event handled') handled++;
            if (entry.message === 'AWS requests' && entry.awsRequests) {
              invocations++;
              for (const [key, value] of Object.entries(entry.awsRequests)) {
                usage.counts[key] = (usage.counts[key] ?? 0) + value;
              }
              for (const [key, value] of Object.entries(entry.partitionWrites ?? {})) {
                usage.partitionWrites[key] = (usage.partitionWrites[key] ?? 0) + value;
              }
            }
          }
        }
        nextToken = page.nextToken;
      } while (nextToken);
      usage.invocations += invocations;
      usage.eventsHandled += handled;
      if (handled > 0) usage.consumerInvocations += invocations;
    }
  } finally {
    client.destroy();
  }
  return usage as CollectedUsage;
};

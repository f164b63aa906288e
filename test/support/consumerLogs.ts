import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { awsClientConfig } from '../../scripts/lib/awsClientConfig';

const client = new CloudWatchLogsClient(awsClientConfig);

/**
 * The outcomes ("applied" / "duplicate") a consumer logged for one eventId: the consumers'
 * structured logs are the observable proof that a redelivery was received and skipped.
 */
export const outcomesLogged = async (functionName: string, eventId: string): Promise<string[]> => {
  const outcomes: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${functionName}`, nextToken }),
    );
    for (const event of page.events ?? []) {
      for (const line of (event.message ?? '').split(/[\t\n]/)) {
        if (!line.startsWith('{') || !line.includes(eventId)) continue;
        const entry = JSON.parse(line) as { eventId?: string; outcome?: string };
        if (entry.eventId === eventId && entry.outcome) outcomes.push(entry.outcome);
      }
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return outcomes;
};

/** Every JSON line a function logged (structured logs and EMF metric lines alike). */
export const linesLogged = async (functionName: string): Promise<Record<string, unknown>[]> => {
  const lines: Record<string, unknown>[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${functionName}`, nextToken }),
    );
    for (const event of page.events ?? []) {
      for (const line of (event.message ?? '').split(/[\t\n]/)) {
        if (!line.startsWith('{')) continue;
        try {
          lines.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // A line that only starts like JSON: not a structured log.
        }
      }
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return lines;
};

export const closeLogsClient = () => client.destroy();

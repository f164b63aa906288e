import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { ServiceName } from '@saga/shared';
import { awsClientConfig } from './lib/awsClientConfig';
import { type DeadLetter, deleteDeadLetters, readDeadLetters } from './lib/deadLetters';
import { runCli } from './lib/explainFailure';
import { loadDeployment } from './lib/loadDeployment';

type Service = ServiceName;

/** What a dead letter holds, and where (if anywhere) it goes back to. */
const eventOf = (
  letter: DeadLetter,
): { detail: unknown; 'detail-type'?: string; source?: string } | undefined => {
  const body = letter.body as Record<string, unknown>;
  if (body.source === 'eventbridge' && 'payload' in body) {
    // Parked invalid event: the payload is the envelope; rebuild the bus event around it.
    const detail = body.payload as Record<string, unknown>;
    return { detail, 'detail-type': String(detail?.eventType ?? ''), source: String(detail?.source ?? '') };
  }
  if ('detail' in body) return body as { detail: unknown };
  return undefined;
};

/**
 * `make redrive`: after a fix, moves each service's dead letters back to that service's inbox
 * (only the consumer that failed sees them again; it dedupes on eventId). Stream and schedule
 * failure records carry no event to replay: the outbox sweeper and the next scheduled run cover
 * them, so they are reported and removed.
 */
const main = async () => {
  const deployment = await loadDeployment();
  const sqs = new SQSClient(awsClientConfig);
  for (const service of Object.keys(deployment.deadLetterQueues) as Service[]) {
    const letters = await readDeadLetters([deployment.deadLetterQueues[service]]);
    let moved = 0;
    let dropped = 0;
    const done: DeadLetter[] = [];
    for (const letter of letters) {
      const event = eventOf(letter);
      // An inbox message SQS moved here as it was (not JSON) goes back as it was.
      const raw = typeof letter.body.unparsed === 'string' ? letter.body.unparsed : undefined;
      if (event || raw !== undefined) {
        await sqs.send(
          new SendMessageCommand({
            QueueUrl: deployment.inboxes[service],
            MessageBody: raw ?? JSON.stringify(event),
          }),
        );
        moved++;
      } else {
        console.log(
          `  ${service}: not replayable (covered by the sweeper or the next schedule): ${letter.summary}`,
        );
        dropped++;
      }
      done.push(letter);
    }
    await deleteDeadLetters(done);
    console.log(`redrive ${service}: ${moved} moved back to the inbox, ${dropped} removed`);
  }
  sqs.destroy();
};

runCli(main);

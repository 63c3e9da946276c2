import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { LogPage, LogQuery } from '../../model/logs/events';
import type { AwsClients } from '../clients';
import type { AwsProfile } from '../profiles';

/** The most events one page may hold (the API's own limit). */
const pageLimit = 10_000;

export function logsClient(clients: AwsClients, profile: AwsProfile, region: string): CloudWatchLogsClient {
  return clients.client('cloudwatch_logs', profile, region, (config) => new CloudWatchLogsClient(config));
}

/** One page of FilterLogEvents over the rack's group; the caller pages (and guards the pages). */
export async function logEventsPage(
  clients: AwsClients,
  profile: AwsProfile,
  region: string,
  query: LogQuery,
  abortSignal: AbortSignal,
  limit = pageLimit,
): Promise<LogPage> {
  const answer = await logsClient(clients, profile, region).send(
    new FilterLogEventsCommand({
      logGroupName: query.logGroup,
      startTime: query.startTime,
      filterPattern: query.filterPattern,
      logStreamNamePrefix: query.streamPrefix,
      logStreamNames: query.streamNames && query.streamNames.length > 0 ? [...query.streamNames] : undefined,
      nextToken: query.nextToken,
      limit,
    }),
    { abortSignal },
  );
  return {
    events: (answer.events ?? []).flatMap((event) =>
      event.eventId && event.timestamp !== undefined
        ? [
            {
              id: event.eventId,
              timestamp: event.timestamp,
              stream: event.logStreamName ?? '',
              message: event.message ?? '',
            },
          ]
        : [],
    ),
    nextToken: answer.nextToken || undefined,
  };
}

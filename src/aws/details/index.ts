import type { ECSClient } from '@aws-sdk/client-ecs';
import type { LogPage, LogQuery } from '../../model/logs/events';
import type { Rack } from '../../model/rack';
import { RuntimeReader } from '../architecture/runtime';
import type { AwsClients } from '../clients';
import { readClusterEvidence, type ClusterEvidence } from '../diagnose/clusterEvidence';
import type { CallCounter } from '../diagnose/stackEvidence';
import { logEventsPage } from '../logs/logEvents';
import type { AwsProfile } from '../profiles';
import { RackDetailsLoader } from './rackDetails';

/** The readers of ECS, EC2 and CloudWatch Logs: a rack's details, what runs in it, its logs and a diagnosis's evidence. */
export interface DetailsReaders {
  details: RackDetailsLoader;
  runtime: RuntimeReader;
  logPage(profile: AwsProfile, region: string, query: LogQuery, signal: AbortSignal): Promise<LogPage>;
  clusterEvidence(
    profile: AwsProfile,
    rack: Rack,
    instanceIds: readonly string[],
    now: number,
    counter: CallCounter,
    signal: AbortSignal,
  ): Promise<ClusterEvidence>;
}

/**
 * This module is its own bundle (dist/awsDetails.js), loaded the first time a rack is expanded, inspected,
 * drawn, its logs shown or diagnosed, so the ECS, EC2 and CloudWatch Logs clients (most of it the EC2 client's
 * 1.2 MB) cost nothing until then.
 */
export function createDetailsReaders(clients: AwsClients): DetailsReaders {
  const details = new RackDetailsLoader(clients);
  const ecs = (profile: AwsProfile, region: string): ECSClient => details.ecs(profile, region);
  return {
    details,
    runtime: new RuntimeReader(clients, details),
    logPage: (profile, region, query, signal) => logEventsPage(clients, profile, region, query, signal),
    clusterEvidence: (profile, rack, instanceIds, now, counter, signal) =>
      readClusterEvidence(clients, ecs(profile, rack.region), profile, rack, instanceIds, now, counter, signal),
  };
}

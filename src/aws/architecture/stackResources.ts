import { paginateListStackResources } from '@aws-sdk/client-cloudformation';
import type { StackResource } from '../../model/architecture/data';
import type { Rack } from '../../model/rack';
import type { AwsClients } from '../clients';
import type { AwsProfile } from '../profiles';

/** A rack has about 150 resources, two pages; a listing past this many pages is a broken endpoint. */
const maxResourcePages = 50;

/**
 * Every resource of the rack's stack by logical id. ListStackResources, paged: DescribeStackResources stops at
 * 100 resources and a rack has more.
 */
export async function listStackResources(
  clients: AwsClients,
  profile: AwsProfile,
  rack: Rack,
  abortSignal: AbortSignal,
): Promise<StackResource[]> {
  const client = clients.cloudFormation(profile, rack.region);
  const resources: StackResource[] = [];
  let pages = 0;
  for await (const page of paginateListStackResources(
    { client, stopOnSameToken: true },
    { StackName: rack.stackId },
    { abortSignal },
  )) {
    for (const summary of page.StackResourceSummaries ?? []) {
      if (!summary.LogicalResourceId || !summary.ResourceType) continue;
      resources.push({
        logicalId: summary.LogicalResourceId,
        physicalId: summary.PhysicalResourceId,
        type: summary.ResourceType,
        status: summary.ResourceStatus ?? 'UNKNOWN',
        statusReason: summary.ResourceStatusReason,
      });
    }
    if (++pages >= maxResourcePages) break;
  }
  return resources;
}

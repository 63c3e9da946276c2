// The SDK's own floor for discovery: the same listing (every pair's DescribeStacks pages, one request in flight per
// pair) with a CloudFormation client made as its documentation shows, static credentials and the SDK's paginator, and
// nothing of the extension: no profile files, no shared handler, no trimming, no model. What discovery takes beyond
// this is the extension's share; what this takes beyond Node's own HTTP is the SDK's.
import { CloudFormationClient, paginateDescribeStacks } from '@aws-sdk/client-cloudformation';
import { performance } from 'node:perf_hooks';
import type { ProfileSetup } from '../test/sim/awsconfig';
import type { PlainRun } from './plainHttp';

export async function sdkFloorListing(simulatorUrl: string, setup: ProfileSetup): Promise<PlainRun> {
  const pairs = setup.profiles.flatMap((profile) => setup.regions.map((region) => ({ profile, region })));
  const loopBefore = performance.eventLoopUtilization();
  const started = performance.now();
  let calls = 0;
  const clients = pairs.map(
    ({ profile, region }) =>
      new CloudFormationClient({
        region,
        endpoint: simulatorUrl,
        credentials: { accessKeyId: profile.accessKeyId, secretAccessKey: profile.secretAccessKey },
      }),
  );
  await Promise.all(
    clients.map(async (client) => {
      for await (const page of paginateDescribeStacks({ client }, {})) {
        calls += 1;
        void page.Stacks;
      }
    }),
  );
  const result = {
    completeMs: performance.now() - started,
    busyMs: performance.eventLoopUtilization(loopBefore).active,
    calls,
  };
  clients.forEach((client) => client.destroy());
  return result;
}

// The benchmark's reference point: the same listing as discovery (every pair's DescribeStacks pages, one request
// in flight per pair) made with Node's own HTTP client, answers read as text and nothing else. What it takes
// is what the machine and the simulator cost before the AWS SDK does any work.
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ProfileSetup } from '../test/sim/awsconfig';

export interface PlainRun {
  completeMs: number;
  busyMs: number;
  calls: number;
}

function post(url: URL, agent: http.Agent, authorization: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/x-www-form-urlencoded', authorization };
    const request = http.request(
      { host: url.hostname, port: url.port, method: 'POST', path: '/', agent, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * Lists every (profile, region) pair of `setup` page by page. The simulator reads the caller from the
 * Authorization header's credential scope and does not check the signature, so none is computed.
 */
export async function plainHttpListing(simulatorUrl: string, setup: ProfileSetup): Promise<PlainRun> {
  const url = new URL(simulatorUrl);
  const pairs = setup.profiles.flatMap((profile) => setup.regions.map((region) => ({ profile, region })));
  const agents = pairs.map(() => new http.Agent({ keepAlive: true }));
  const loopBefore = performance.eventLoopUtilization();
  const started = performance.now();
  let calls = 0;
  await Promise.all(
    pairs.map(async ({ profile, region }, index) => {
      const authorization = `AWS4-HMAC-SHA256 Credential=${profile.accessKeyId}/20260101/${region}/cloudformation/aws4_request, SignedHeaders=host, Signature=0`;
      let token: string | undefined;
      do {
        const body = new URLSearchParams({
          Action: 'DescribeStacks',
          Version: '2010-05-15',
          ...(token ? { NextToken: token } : {}),
        }).toString();
        const answer = await post(url, agents[index], authorization, body);
        calls += 1;
        token = /<NextToken>([^<]+)<\/NextToken>/.exec(answer)?.[1];
      } while (token);
    }),
  );
  const result = {
    completeMs: performance.now() - started,
    busyMs: performance.eventLoopUtilization(loopBefore).active,
    calls,
  };
  agents.forEach((agent) => agent.destroy());
  return result;
}

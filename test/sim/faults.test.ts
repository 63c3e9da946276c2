import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeClustersCommand, ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';
import { clientConfig, failure } from './clients';
import { streamChunkBytes } from './delivery';
import { defaultScenario } from './scenarios/default';
import { startSimulator, type Simulator } from './server';

describe('simulator faults, latency and the call log', function () {
  // Throttling retries back off for up to 1 s and 2 s (the SDK's throttling base delay).
  this.timeout(8_000);
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ scenario: defaultScenario() });
  });
  afterEach(() => {
    sim.faults.clear();
    sim.calls.reset();
    sim.writes.reset();
  });
  after(() => sim.stop());

  const cloudFormation = (profile = 'acme-prod', region?: string, maxAttempts?: number): CloudFormationClient =>
    new CloudFormationClient(clientConfig(sim, profile, region, maxAttempts));

  it('throttles the first N calls; the SDK retries them as throttling and succeeds', async () => {
    sim.faults.add({ account: '111111111111', operation: 'DescribeStacks', kind: 'throttle', times: 2 });
    const answer = await cloudFormation().send(new DescribeStacksCommand({}));
    assert.ok((answer.Stacks?.length ?? 0) > 0);
    assert.equal(answer.$metadata.attempts, 3);
    assert.equal(sim.calls.count({ operation: 'DescribeStacks' }), 3);
  });

  it('answers throttling with each protocol’s own code', async () => {
    sim.faults.add({ kind: 'throttle' });
    const query = await failure(() => cloudFormation('acme-prod', undefined, 1).send(new DescribeStacksCommand({})));
    assert.equal(query.name, 'Throttling');
    assert.equal(query.$metadata?.httpStatusCode, 400);
    const json = await failure(() =>
      new ECSClient(clientConfig(sim, 'acme-prod', undefined, 1)).send(new DescribeClustersCommand({})),
    );
    assert.equal(json.name, 'ThrottlingException');
    const ec2 = await failure(() =>
      new EC2Client(clientConfig(sim, 'acme-prod', undefined, 1)).send(new DescribeInstancesCommand({})),
    );
    assert.equal(ec2.name, 'RequestLimitExceeded');
  });

  it('answers the expired key of initech with ExpiredToken everywhere, without retrying', async () => {
    const query = await failure(() => cloudFormation('initech', 'eu-west-1').send(new DescribeStacksCommand({})));
    assert.equal(query.name, 'ExpiredToken');
    assert.equal(query.$metadata?.httpStatusCode, 403);
    const json = await failure(() => new ECSClient(clientConfig(sim, 'initech')).send(new ListTasksCommand({})));
    assert.equal(json.name, 'ExpiredTokenException');
    const ec2 = await failure(() => new EC2Client(clientConfig(sim, 'initech')).send(new DescribeInstancesCommand({})));
    assert.equal(ec2.name, 'RequestExpired');
    const autoScaling = await failure(() =>
      new AutoScalingClient(clientConfig(sim, 'initech')).send(new DescribeAutoScalingGroupsCommand({})),
    );
    assert.equal(autoScaling.name, 'ExpiredToken');
    assert.equal(sim.calls.count({ account: '444444444444' }), 4, 'one attempt each');
  });

  it('answers acme-staging in ap-southeast-2 with AccessDenied, and its other regions normally', async () => {
    const denied = await failure(() =>
      cloudFormation('acme-staging', 'ap-southeast-2').send(new DescribeStacksCommand({})),
    );
    assert.equal(denied.name, 'AccessDenied');
    assert.equal(denied.$metadata?.httpStatusCode, 403);
    const json = await failure(() =>
      new ECSClient(clientConfig(sim, 'acme-staging', 'ap-southeast-2')).send(new ListTasksCommand({})),
    );
    assert.equal(json.name, 'AccessDeniedException');
    assert.equal(sim.calls.count({ account: '222222222222', region: 'ap-southeast-2' }), 2, 'not retried');
    const fine = await cloudFormation('acme-staging').send(new DescribeStacksCommand({}));
    assert.ok(fine.Stacks?.some((found) => found.StackName === 'staging'));
  });

  it('retries internal failures as transient', async () => {
    sim.faults.add({ service: 'cloudformation', kind: 'internal', times: 1 });
    const answer = await cloudFormation().send(new DescribeStacksCommand({}));
    assert.equal(answer.$metadata.attempts, 2);
    sim.faults.add({ service: 'cloudformation', kind: 'internal' });
    const error = await failure(() => cloudFormation('acme-prod', undefined, 1).send(new DescribeStacksCommand({})));
    assert.equal(error.name, 'InternalFailure');
    assert.equal(error.$metadata?.httpStatusCode, 500);
  });

  it('turns a malformed answer into an SDK parse error, not a hang', async () => {
    sim.faults.add({ kind: 'malformed' });
    const xml = await failure(() => cloudFormation().send(new DescribeStacksCommand({})));
    assert.match(xml.message, /XML parse error/);
    assert.equal(xml.$metadata?.httpStatusCode, 200);
    const json = await failure(() => new ECSClient(clientConfig(sim, 'acme-prod')).send(new ListTasksCommand({})));
    assert.equal(json.name, 'SyntaxError');
    assert.equal(sim.calls.count(), 2, 'parse errors are not retried');
  });

  it('delays answers by the matching latency rules and the global latency', async () => {
    sim.faults.add({ region: 'eu-west-1', kind: 'latency', latencyMs: 200 });
    const slowStart = Date.now();
    await cloudFormation('acme-prod', 'eu-west-1').send(new DescribeStacksCommand({}));
    assert.ok(Date.now() - slowStart >= 190, 'the eu-west-1 answer waited');
    const fastStart = Date.now();
    await cloudFormation('acme-prod', 'us-east-1').send(new DescribeStacksCommand({}));
    assert.ok(Date.now() - fastStart < 190, 'other regions did not');

    const slow = await startSimulator({ scenario: defaultScenario(), latencyMs: 100 });
    try {
      const start = Date.now();
      await new CloudFormationClient(clientConfig(slow, 'acme-prod')).send(new DescribeStacksCommand({}));
      assert.ok(Date.now() - start >= 95);
    } finally {
      await slow.stop();
    }
  });

  it('lets a runtime rule override the scenario’s, and clear() restores the scenario’s', async () => {
    sim.faults.add({ account: '444444444444', kind: 'denied' });
    assert.equal(
      (await failure(() => cloudFormation('initech').send(new DescribeStacksCommand({})))).name,
      'AccessDenied',
    );
    sim.faults.clear();
    assert.equal(
      (await failure(() => cloudFormation('initech').send(new DescribeStacksCommand({})))).name,
      'ExpiredToken',
    );
  });

  it('rejects requests without SigV4 and keys it does not know', async () => {
    const form = await fetch(sim.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=DescribeStacks&Version=2010-05-15',
    });
    assert.equal(form.status, 403);
    assert.match(await form.text(), /<Code>MissingAuthenticationToken<\/Code>/);
    const json = await fetch(sim.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListTasks',
      },
      body: '{}',
    });
    assert.equal(json.status, 403);
    assert.equal(((await json.json()) as { __type: string }).__type, 'MissingAuthenticationTokenException');
    const incomplete = await fetch(sim.url, {
      method: 'POST',
      headers: { authorization: 'AWS4-HMAC-SHA256 Signature=abc' },
      body: '',
    });
    assert.equal(incomplete.status, 403);
    assert.match(await incomplete.text(), /IncompleteSignature/);
    assert.equal(sim.calls.count(), 0, 'unauthenticated requests are not API calls');

    const stranger = new CloudFormationClient({
      ...clientConfig(sim, 'acme-prod'),
      credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' },
    });
    assert.equal((await failure(() => stranger.send(new DescribeStacksCommand({})))).name, 'InvalidClientTokenId');
  });

  it('records every call with account, region, service, operation and key', async () => {
    await cloudFormation('acme-readonly').send(new DescribeStacksCommand({}));
    await new ECSClient(clientConfig(sim, 'acme-prod', 'eu-west-1')).send(new DescribeClustersCommand({}));
    const [first, second] = sim.calls.all();
    assert.deepEqual(
      { ...first, at: undefined },
      {
        account: '111111111111',
        region: 'us-east-1',
        service: 'cloudformation',
        operation: 'DescribeStacks',
        accessKeyId: 'AKIAACMEREADONLY0001',
        at: undefined,
      },
    );
    assert.ok(first.at instanceof Date);
    assert.equal(second.service, 'ecs');
    assert.equal(sim.calls.count({ account: '111111111111' }), 2);
    assert.equal(sim.calls.count({ service: 'ecs', region: 'eu-west-1' }), 1);
    sim.calls.reset();
    assert.equal(sim.calls.count(), 0);
  });

  describe('answers broken on their way to the client', () => {
    const describeStacks = 'Action=DescribeStacks&Version=2010-05-15';
    const megabyte = 1024 * 1024;

    /**
     * A DescribeStacks POST as acme-prod, over its own connection. The simulator reads the SigV4 scope, not the
     * signature, so a made-up one does. Resolves with the answer's status and headers; its body is left to read.
     */
    function post(target: Simulator): { request: http.ClientRequest; answer: Promise<http.IncomingMessage> } {
      const profile = target.scenario.profiles.find((candidate) => candidate.name === 'acme-prod');
      assert.ok(profile);
      const request = http.request(target.url, {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `AWS4-HMAC-SHA256 Credential=${profile.accessKeyId}/20250101/us-east-1/cloudformation/aws4_request, SignedHeaders=host, Signature=abc`,
        },
      });
      const answer = new Promise<http.IncomingMessage>((resolve, reject) => {
        request.once('response', resolve);
        request.once('error', reject);
      });
      request.end(describeStacks);
      return { request, answer };
    }

    /** Counts what arrives of `answer`'s body, discarding it; `ended` settles when the connection closes. */
    function receive(answer: http.IncomingMessage): { bytes: () => number; arrivals: number[]; ended: Promise<void> } {
      let bytes = 0;
      const arrivals: number[] = [];
      answer.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        arrivals.push(Date.now());
      });
      // A body cut short errors on the client's side; here that is what is being tested, not a failure.
      answer.on('error', () => undefined);
      const ended = new Promise<void>((resolve) => answer.once('close', resolve));
      return { bytes: () => bytes, arrivals, ended };
    }

    /** Resolves once no answer is being written any more; fails after `withinMs`. */
    async function writingStopped(target: Simulator, withinMs: number): Promise<number> {
      const start = Date.now();
      while (target.writes.stats().open > 0) {
        assert.ok(Date.now() - start < withinMs, `still writing ${withinMs} ms later`);
        await sleep(10);
      }
      return Date.now() - start;
    }

    it('stalledBody sends the headers and half the body, then nothing until the simulator stops', async () => {
      const own = await startSimulator({ scenario: defaultScenario() });
      try {
        const start = Date.now();
        own.faults.add({ operation: 'DescribeStacks', kind: 'stalledBody' });
        const stalled = await post(own).answer;
        const length = Number(stalled.headers['content-length']);
        assert.equal(stalled.statusCode, 200);
        assert.ok(length > 1000, 'the content-length is the whole answer’s');
        const body = receive(stalled);
        await sleep(100);
        assert.equal(body.bytes(), Math.floor(length / 2));
        const silentMs = 400;
        await sleep(silentMs);
        assert.equal(body.bytes(), Math.floor(length / 2), `nothing more for ${silentMs} ms`);
        assert.equal(own.writes.stats().open, 1);
        const stopStart = Date.now();
        await own.stop();
        await body.ended;
        const stopMs = Date.now() - stopStart;
        assert.ok(stopMs < 1000, `${stopMs} ms`);
        assert.equal(own.writes.stats().open, 0);
        console.log(
          `      stalledBody: ${body.bytes()} of ${length} bytes, then nothing; ended ${stopMs} ms after stop(), ${Date.now() - start} ms in all`,
        );
      } finally {
        await own.stop();
      }
    });

    it('trickle sends a byte every 50 ms, and stops writing when the client aborts', async () => {
      sim.faults.add({ operation: 'DescribeStacks', kind: 'trickle' });
      const start = Date.now();
      const { request, answer } = post(sim);
      const trickled = await answer;
      assert.equal(trickled.statusCode, 200);
      assert.ok(Number(trickled.headers['content-length']) > 1000);
      const body = receive(trickled);
      const watchMs = 600;
      await sleep(watchMs);
      const received = body.bytes();
      const gaps = body.arrivals.slice(1).map((at, index) => at - body.arrivals[index]);
      // About 12 bytes at one per 50 ms; a busy machine may deliver a few late, but never much more.
      assert.ok(received >= 6 && received <= 15, `${received} bytes in ${watchMs} ms`);
      assert.ok(Math.max(...gaps) < 300, `longest silence ${Math.max(...gaps)} ms`);
      request.destroy();
      const stopMs = await writingStopped(sim, 1000);
      const written = sim.writes.stats().bytes;
      await sleep(200);
      assert.equal(sim.writes.stats().bytes, written, 'no byte written after the client went away');
      const meanGap = Math.round(gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length);
      console.log(
        `      trickle: ${received} bytes in ${watchMs} ms (${meanGap} ms apart); writing stopped ${stopMs} ms after the abort, ${Date.now() - start} ms in all`,
      );
    });

    it('trickle takes the pacing its rule sets', async () => {
      sim.faults.add({ operation: 'DescribeStacks', kind: 'trickle', bytesPerWrite: 100, gapMs: 20 });
      const start = Date.now();
      const { request, answer } = post(sim);
      const body = receive(await answer);
      await sleep(300);
      request.destroy();
      await writingStopped(sim, 1000);
      assert.equal(sim.writes.stats().largestWrite, 100);
      assert.ok(body.bytes() >= 600 && body.bytes() <= 2000, `${body.bytes()} bytes in 300 ms`);
      console.log(
        `      trickle: ${body.bytes()} bytes in 300 ms at 100 bytes per 20 ms, ${Date.now() - start} ms in all`,
      );
    });

    for (const chunked of [false, true]) {
      it(`hugeAnswer streams its size in chunks, waiting for a slow client (${chunked ? 'chunked' : 'content-length'})`, async () => {
        const sizeBytes = 5 * megabyte;
        sim.faults.add({ operation: 'DescribeStacks', kind: 'hugeAnswer', sizeBytes, chunked });
        const start = Date.now();
        const huge = await post(sim).answer;
        assert.equal(huge.statusCode, 200);
        if (chunked) {
          assert.equal(huge.headers['transfer-encoding'], 'chunked');
          assert.equal(huge.headers['content-length'], undefined);
        } else {
          assert.equal(huge.headers['content-length'], String(sizeBytes));
        }
        // The client reads nothing for a while: the server has to wait for it rather than queue the answer.
        huge.pause();
        await sleep(300);
        let first = Buffer.alloc(0);
        let last = Buffer.alloc(0);
        huge.on('data', (chunk: Buffer) => {
          if (first.length < 200) first = Buffer.concat([first, chunk]).subarray(0, 200);
          last = Buffer.concat([last, chunk]).subarray(-100);
        });
        const body = receive(huge);
        huge.resume();
        await body.ended;
        assert.equal(body.bytes(), sizeBytes);
        assert.match(
          first.toString('utf8'),
          /^<DescribeStacksResponse xmlns="http:\/\/cloudformation.amazonaws.com\/doc\/2010-05-15\/"><DescribeStacksResult><Stacks><member>/,
        );
        assert.match(last.toString('utf8'), /<\/ResponseMetadata><\/DescribeStacksResponse>$/);
        const stats = sim.writes.stats();
        assert.equal(stats.bytes, sizeBytes);
        assert.ok(stats.largestWrite <= streamChunkBytes, `largest write ${stats.largestWrite} bytes`);
        // Ignoring backpressure would queue megabytes here while the client paused.
        assert.ok(stats.mostQueued <= 2 * streamChunkBytes, `${stats.mostQueued} bytes queued`);
        console.log(
          `      hugeAnswer: ${sizeBytes} bytes received, largest write ${stats.largestWrite}, at most ${stats.mostQueued} queued, ${Date.now() - start} ms`,
        );
      });
    }

    it('hugeAnswer stops streaming when the client aborts part-way', async () => {
      const sizeBytes = 50 * megabyte;
      sim.faults.add({ operation: 'DescribeStacks', kind: 'hugeAnswer' });
      const start = Date.now();
      const { request, answer } = post(sim);
      const huge = await answer;
      assert.equal(huge.headers['content-length'], String(sizeBytes), 'the default size');
      const body = receive(huge);
      while (body.bytes() < megabyte) await sleep(5);
      request.destroy();
      const stopMs = await writingStopped(sim, 1000);
      const written = sim.writes.stats().bytes;
      assert.ok(written < sizeBytes / 2, `${written} bytes written`);
      console.log(
        `      hugeAnswer: client aborted after ${body.bytes()} bytes; server stopped ${stopMs} ms later, having written ${written}; ${Date.now() - start} ms in all`,
      );
    });

    it('hugeAnswer is one Convox rack to the SDK, and padding after the document elsewhere', async () => {
      const sizeBytes = 2 * megabyte;
      sim.faults.add({ kind: 'hugeAnswer', sizeBytes });
      const start = Date.now();
      const answer = await cloudFormation().send(new DescribeStacksCommand({}));
      assert.equal(answer.Stacks?.length, 1);
      const [stack] = answer.Stacks ?? [];
      assert.ok(stack.Tags?.some((tag) => tag.Key === 'System' && tag.Value === 'convox'));
      const padding = stack.Outputs?.find((output) => output.OutputKey === 'Padding')?.OutputValue ?? '';
      assert.ok(padding.length > sizeBytes - 50_000 && /^x+$/.test(padding), `${padding.length} bytes of padding`);
      const clusters = await new ECSClient(clientConfig(sim, 'acme-prod')).send(
        new DescribeClustersCommand({ clusters: ['default'] }),
      );
      assert.ok(Array.isArray(clusters.clusters));
      const instances = await new EC2Client(clientConfig(sim, 'acme-prod')).send(new DescribeInstancesCommand({}));
      assert.ok((instances.Reservations?.length ?? 0) > 0);
      assert.equal(sim.writes.stats().bytes, 3 * sizeBytes);
      console.log(
        `      hugeAnswer: DescribeStacks, DescribeClusters and DescribeInstances of ${sizeBytes} bytes each through the SDK in ${Date.now() - start} ms`,
      );
    });

    it('html answers a proxy’s error page instead of an AWS error', async () => {
      sim.faults.add({ operation: 'DescribeStacks', kind: 'html', times: 1 });
      sim.faults.add({ operation: 'DescribeStacks', kind: 'html', status: 502 });
      const start = Date.now();
      for (const [status, title] of [
        [500, '500 Internal Server Error'],
        [502, '502 Bad Gateway'],
      ] as const) {
        const page = await post(sim).answer;
        assert.equal(page.statusCode, status);
        assert.equal(page.headers['content-type'], 'text/html');
        let text = '';
        for await (const chunk of page) text += String(chunk);
        assert.equal(text, `<html><body><h1>${title}</h1></body></html>`);
      }
      console.log(`      html: two pages in ${Date.now() - start} ms`);
    });

    it('stops promptly while every broken answer is under way', async () => {
      const own = await startSimulator({ scenario: defaultScenario() });
      const kinds = ['stalledBody', 'trickle', 'hugeAnswer', 'silence'] as const;
      const requests = kinds.map((kind) => {
        own.faults.add({ operation: 'DescribeStacks', kind, times: 1 });
        const { answer, request } = post(own);
        // No body is read: the huge answer's server side sits waiting for the client's socket to drain.
        void answer.then((started) => started.on('error', () => undefined)).catch(() => undefined);
        return request;
      });
      try {
        while (own.writes.stats().open < kinds.length) await sleep(10);
        const start = Date.now();
        await own.stop();
        const stopMs = Date.now() - start;
        assert.ok(stopMs < 1000, `${stopMs} ms`);
        assert.equal(own.writes.stats().open, 0);
        console.log(`      stop(): ${stopMs} ms with ${kinds.join(', ')} under way`);
      } finally {
        await own.stop();
        // A client that reads nothing does not notice its connection closing, so the test ends its own.
        requests.forEach((request) => request.destroy());
      }
    });
  });
});

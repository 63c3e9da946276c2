import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { AwsPorts } from '../../src/aws';
import { AwsClients } from '../../src/aws/clients';
import { loadProfiles } from '../../src/aws/profiles';
import { maxAnswerBytes } from '../../src/aws/httpHandler';
import { environmentProfile } from '../../src/model/pair';
import { RackStore } from '../../src/model/store/rackStore';
import { benchScenario } from '../sim';
import { isRunning, simulatedAws, type SimulatedAws } from './helpers';

/** Replaces a profile's static keys with a credential_process running `script` (node code) with `args`. */
function useCredentialProcess(aws: SimulatedAws, profile: string, script: string): string {
  const file = path.join(aws.dir, `${profile}-credentials.js`);
  fs.writeFileSync(file, script);
  const credentials = fs.readFileSync(aws.credentialsFile, 'utf8').replace(new RegExp(`\\[${profile}\\]\\n[^[]*`), '');
  fs.writeFileSync(aws.credentialsFile, credentials);
  const config = fs
    .readFileSync(aws.configFile, 'utf8')
    .replace(`[profile ${profile}]\n`, `[profile ${profile}]\ncredential_process = "${process.execPath}" "${file}"\n`);
  fs.writeFileSync(aws.configFile, config);
  return file;
}

describe('every listing and read ends within its deadline (real SDK clients over HTTP)', function () {
  this.timeout(30_000);
  let aws: SimulatedAws;
  beforeEach(async () => {
    aws = await simulatedAws(benchScenario({ profiles: 2, regions: 2, stacksPerRegion: 20, racksPerRegion: 2 }));
  });
  afterEach(() => aws.stop());

  it('a region that never answers becomes an error row naming its endpoint at the deadline; the others are listed', async () => {
    const [first, second] = aws.settings['convox.regions'];
    aws.sim.faults.add({ region: second, operation: 'DescribeStacks', kind: 'silence' });
    const started = Date.now();
    const scan = await aws.scan({ deadlineMs: 700 });
    const settledMs = Date.now() - started;
    console.log(`      silent region settled in ${settledMs} ms (deadline 700 ms)`);
    assert.deepEqual(
      scan.errors.map((error) => `${error.profile} ${error.region} ${error.kind}`),
      [`bench-01 ${second} network`, `bench-02 ${second} network`],
    );
    assert.match(
      scan.errors[0].message,
      new RegExp(
        `^${aws.sim.url.replace(/[.:/]/g, '\\$&')} did not answer list CloudFormation stacks \\(cloudformation:DescribeStacks\\) for profile "bench-01" within 0\\.7 s.*convox\\.requestTimeout`,
      ),
    );
    assert.ok(settledMs >= 700 && settledMs < 3_000, `ended at its deadline: ${settledMs} ms`);
    assert.equal(scan.racks.filter((rack) => rack.region === first).length, 4);
  });

  it("aborts a call's request when its signal fires, through the client's middleware chain built once", async () => {
    const [region] = aws.settings['convox.regions'];
    const clients = new AwsClients({ maxAttempts: 1, requestTimeoutMs: 20_000 });
    const { profiles } = await loadProfiles();
    clients.useProfiles(profiles);
    const client = clients.cloudFormation(profiles[0], region);
    const { resolveMiddleware } = DescribeStacksCommand.prototype;
    let chainsBuilt = 0;
    DescribeStacksCommand.prototype.resolveMiddleware = function (...args) {
      chainsBuilt += 1;
      return resolveMiddleware.apply(this, args);
    };
    try {
      const input = {};
      for (let call = 0; call < 3; call++)
        await client.send(new DescribeStacksCommand(input), { abortSignal: new AbortController().signal });
      assert.equal(chainsBuilt, 1, 'three calls, one chain');
      assert.deepEqual(Object.getOwnPropertySymbols(input), [], "the caller's input is left as it was");

      aws.sim.faults.add({ region, operation: 'DescribeStacks', kind: 'silence' });
      const controller = new AbortController();
      const started = Date.now();
      const deadline = new Error('the deadline passed');
      setTimeout(() => controller.abort(deadline), 300);
      await assert.rejects(
        client.send(new DescribeStacksCommand({}), { abortSignal: controller.signal }),
        (error: Error) => error.name === 'AbortError' && error.cause === deadline,
      );
      const abortedMs = Date.now() - started;
      assert.ok(abortedMs < 5_000, `aborted at the signal, not at the 20 s request timeout: ${abortedMs} ms`);
    } finally {
      DescribeStacksCommand.prototype.resolveMiddleware = resolveMiddleware;
      clients.reset();
    }
  });

  it('a credential_process that never exits fails its profile at the deadline, is killed at its own timeout, and runs again next time', async () => {
    const pidFile = path.join(aws.dir, 'pids');
    useCredentialProcess(
      aws,
      'bench-02',
      `require('fs').appendFileSync(${JSON.stringify(pidFile)}, process.pid + '\\n'); setInterval(() => undefined, 1000);`,
    );
    const started = Date.now();
    const scan = await aws.scan({ deadlineMs: 800, helperTimeoutMs: () => 1_500 });
    console.log(`      hanging credential_process settled in ${Date.now() - started} ms`);
    assert.deepEqual(
      scan.errors.map((error) => `${error.profile} ${error.kind}`),
      ['bench-02 expired-credentials', 'bench-02 expired-credentials'],
    );
    assert.match(
      scan.errors[0].message,
      /^The credentials of profile "bench-02" did not arrive within 0\.8 s \(its credential_process or sign-in is still running\)/,
    );
    assert.equal(scan.racks.filter((rack) => rack.profile === 'bench-01').length, 4);
    const [pid] = fs.readFileSync(pidFile, 'utf8').trim().split('\n').map(Number);
    await sleep(1_500);
    assert.equal(isRunning(pid), false, 'killed at its timeout');
    await aws.scan({ deadlineMs: 300, helperTimeoutMs: () => 1_500 });
    // On a busy machine the second process may write its pid after the scan ended: wait for it, then for its kill.
    const pids = (): number[] => fs.readFileSync(pidFile, 'utf8').trim().split('\n').map(Number);
    for (let waited = 0; (pids().length < 2 || isRunning(pids()[1])) && waited < 5_000; waited += 100) await sleep(100);
    assert.equal(pids().length, 2, 'the next refresh ran it again, once for both regions');
    assert.equal(isRunning(pids()[1]), false);
  });

  it('a stalled lifecycle check fails alone: the refresh ends at the deadline with every rack listed', async () => {
    aws.sim.faults.add({ service: 'autoscaling', kind: 'silence' });
    const log: string[] = [];
    const ports = aws.ports();
    const store = new RackStore(ports, () => ({ regions: aws.settings['convox.regions'], organizations: {} }), {
      intervalSeconds: 0,
      requestTimeoutSeconds: 1,
      log: (line) => log.push(line),
    });
    const started = Date.now();
    await store.refresh('manual');
    const settledMs = Date.now() - started;
    console.log(`      stalled lifecycle check settled in ${settledMs} ms (deadline 1 s)`);
    store.dispose();
    ports.dispose();
    assert.equal(store.racks().length, 8, '4 racks in each of 2 accounts');
    assert.deepEqual(store.errors(), []);
    assert.ok(settledMs < 4_000, `${settledMs} ms`);
    assert.ok(
      log.some((line) => /Could not read instance lifecycles .*did not answer read instance lifecycles/.test(line)),
      log.join('\n'),
    );
  });

  it("a stalled rack read fails at the deadline naming ECS's endpoint, and the next expand reads again", async () => {
    const ports = aws.ports();
    const store = new RackStore(ports, () => ({ regions: aws.settings['convox.regions'], organizations: {} }), {
      intervalSeconds: 0,
      requestTimeoutSeconds: 1,
    });
    await store.refresh('manual');
    const [rack] = store.racks();
    aws.sim.faults.add({ service: 'ecs', kind: 'silence' });
    const started = Date.now();
    await assert.rejects(
      store.details(rack),
      (error: Error) =>
        error.name === 'AwsReadError' &&
        error.message.startsWith(`${aws.sim.url} did not answer read the rack's instances and tasks`),
    );
    console.log(`      stalled rack read ended in ${Date.now() - started} ms (deadline 1 s)`);
    aws.sim.faults.clear();
    const details = await store.details(rack);
    assert.ok(details.instances.length > 0);
    store.dispose();
    ports.dispose();
  });

  it('the environment credentials and a profile named "environment" are two sources, each with its own keys', async () => {
    const [one, two] = aws.sim.scenario.profiles;
    fs.writeFileSync(
      aws.credentialsFile,
      `[environment]\naws_access_key_id = ${one.accessKeyId}\naws_secret_access_key = ${one.secretAccessKey}\n`,
    );
    fs.writeFileSync(aws.configFile, `[profile environment]\nregion = ${one.region}\nendpoint_url = ${aws.sim.url}\n`);
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: two.accessKeyId,
      AWS_SECRET_ACCESS_KEY: two.secretAccessKey,
      AWS_REGION: two.region,
      AWS_ENDPOINT_URL: aws.sim.url,
    });
    const ports = new AwsPorts({ maxAttempts: 1 });
    const store = new RackStore(ports, () => ({ regions: [], organizations: {} }), { intervalSeconds: 0 });
    await store.refresh('manual');
    store.dispose();
    ports.dispose();
    assert.deepEqual(store.errors(), []);
    const fromFile = store.racks().filter((rack) => rack.profile === 'environment');
    const fromVariables = store.racks().filter((rack) => rack.profile === environmentProfile);
    assert.ok(fromFile.length > 0 && fromVariables.length > 0);
    assert.equal(fromVariables[0].organization, 'environment');
    assert.notDeepEqual(
      fromFile.map((rack) => rack.stackId),
      fromVariables.map((rack) => rack.stackId),
      'each source listed its own account',
    );
  });

  for (const kind of ['stalledBody', 'trickle'] as const) {
    it(`an answer that ${kind === 'trickle' ? 'trickles in byte by byte' : 'stops half-way'} ends at the deadline as an error row`, async () => {
      const [first, second] = aws.settings['convox.regions'];
      aws.sim.faults.add({ region: second, operation: 'DescribeStacks', kind });
      const started = Date.now();
      const scan = await aws.scan({ deadlineMs: 700, requestTimeoutMs: 30_000 });
      const settledMs = Date.now() - started;
      console.log(`      ${kind} settled in ${settledMs} ms (deadline 700 ms)`);
      assert.deepEqual(
        scan.errors.map((error) => `${error.region} ${error.kind}`),
        [`${second} network`, `${second} network`],
      );
      assert.match(scan.errors[0].message, /did not answer .* within 0\.7 s/);
      assert.ok(settledMs < 3_000, `${settledMs} ms`);
      assert.equal(scan.racks.filter((rack) => rack.region === first).length, 4);
    });
  }

  for (const chunked of [false, true]) {
    it(`an answer past the 8 MB cap is refused without being read whole (${chunked ? 'chunked' : 'with its length'})`, async () => {
      const [first, second] = aws.settings['convox.regions'];
      aws.sim.faults.add({
        region: second,
        accessKeyId: aws.sim.scenario.profiles[0].accessKeyId,
        operation: 'DescribeStacks',
        kind: 'hugeAnswer',
        sizeBytes: 12 * 1024 * 1024,
        chunked,
      });
      const rssBefore = process.memoryUsage().rss;
      let peakRss = rssBefore;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
      const started = Date.now();
      const scan = await aws.scan({ maxAttempts: 1 }).finally(() => clearInterval(sampler));
      const grownMb = Math.round((peakRss - rssBefore) / 1024 / 1024);
      console.log(
        `      12 MB answer (${chunked ? 'chunked' : 'content-length'}) refused in ${Date.now() - started} ms, memory grew ${grownMb} MB`,
      );
      assert.deepEqual(
        scan.errors.map((error) => `${error.profile} ${error.region} ${error.kind}`),
        [`bench-01 ${second} other`],
      );
      assert.match(
        scan.errors[0].message,
        new RegExp(`with an answer of more than ${maxAnswerBytes / 1024 / 1024} MB, far more than AWS sends`),
      );
      assert.ok(grownMb < 200, `held at most the cap, not the answer: grew ${grownMb} MB`);
      assert.equal(scan.racks.filter((rack) => rack.region === first).length, 4);
    });
  }

  it('an HTML error page says it is not an AWS answer, with its status and endpoint', async () => {
    const [, second] = aws.settings['convox.regions'];
    aws.sim.faults.add({ region: second, operation: 'DescribeStacks', kind: 'html' });
    const scan = await aws.scan({ maxAttempts: 1 });
    assert.equal(scan.errors.length, 2);
    assert.match(
      scan.errors[0].message,
      new RegExp(
        `^HTTP 500 from ${aws.sim.url.replace(/[.:/]/g, '\\$&')}, not an AWS answer, to list CloudFormation stacks`,
      ),
    );
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchScenario } from '../sim';
import { isRunning, simulatedAws, type SimulatedAws } from './helpers';

async function endedWithin(pid: number, ms: number): Promise<boolean> {
  for (let waited = 0; isRunning(pid); waited += 50) {
    if (waited > ms) return false;
    await sleep(50);
  }
  return true;
}

describe('credential helpers through one runner (real SDK clients and child processes)', function () {
  this.timeout(30_000);
  let aws: SimulatedAws;
  const started: number[] = [];
  beforeEach(async () => {
    aws = await simulatedAws(benchScenario({ profiles: 1, regions: 1, stacksPerRegion: 4, racksPerRegion: 2 }));
  });
  afterEach(async () => {
    for (const pid of started.splice(0)) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    await aws.stop();
  });

  const pidFile = (): string => path.join(aws.dir, 'pids');
  const pids = (): number[] => {
    const found = fs.existsSync(pidFile())
      ? fs.readFileSync(pidFile(), 'utf8').trim().split('\n').filter(Boolean).map(Number)
      : [];
    found.forEach((pid) => started.includes(pid) || started.push(pid));
    return found;
  };

  /** `bench-01` becomes a role whose source profile `base` gets its keys from a credential_process running `script`. */
  function roleChain(script: string): void {
    const file = path.join(aws.dir, 'base-credentials.js');
    fs.writeFileSync(file, script);
    const [profile] = aws.sim.scenario.profiles;
    fs.writeFileSync(aws.credentialsFile, '');
    const endpoint = /endpoint_url = (.*)/.exec(fs.readFileSync(aws.configFile, 'utf8'))?.[1];
    fs.writeFileSync(
      aws.configFile,
      [
        `[profile bench-01]\nregion = ${profile.region}\nendpoint_url = ${endpoint}\nrole_arn = arn:aws:iam::100000000001:role/deploy\nsource_profile = base\nrole_session_name = convox-test\n`,
        `[profile base]\nregion = ${profile.region}\nendpoint_url = ${endpoint}\ncredential_process = "${process.execPath}" "${file}"\n`,
      ].join('\n'),
    );
  }

  /** A script recording its pid, then printing the scenario's keys for bench-01. */
  const printsKeys = (): string => {
    const [profile] = aws.sim.scenario.profiles;
    const credentials = JSON.stringify({
      Version: 1,
      AccessKeyId: profile.accessKeyId,
      SecretAccessKey: profile.secretAccessKey,
    });
    return `require('fs').appendFileSync(${JSON.stringify(pidFile())}, process.pid + '\\n'); process.stdout.write(${JSON.stringify(credentials)});`;
  };
  const hangs = (): string =>
    `require('fs').appendFileSync(${JSON.stringify(pidFile())}, process.pid + '\\n'); setInterval(() => undefined, 1000);`;

  it('a role whose source ends in a credential_process assumes the role with what the process printed', async () => {
    roleChain(printsKeys());
    const scan = await aws.scan({ deadlineMs: 10_000 });
    assert.deepEqual(scan.errors, []);
    // The role and its source see the same account: its racks are listed once, under whichever answered first.
    assert.equal(scan.racks.length, 2);
    assert.equal(aws.sim.calls.count({ service: 'sts', operation: 'AssumeRole' }), 1);
    assert.equal(pids().length, 1, 'one run, shared by base and the role it is the source of');
  });

  it("a role chain's hanging credential_process is killed at the helper deadline, and not started again while it runs", async () => {
    roleChain(hangs());
    const first = await aws.scan({ deadlineMs: 600, helperTimeoutMs: () => 2_500 });
    assert.ok(
      first.errors.some((error) => error.profile === 'bench-01' && error.kind === 'expired-credentials'),
      JSON.stringify(first.errors),
    );
    await aws.scan({ deadlineMs: 600, helperTimeoutMs: () => 2_500 });
    // base and the role's source are one profile and command: one run for both refreshes and both profiles.
    assert.equal(pids().length, 1, `started ${pids().length} times`);
    const running = pids();
    for (const pid of running) assert.ok(await endedWithin(pid, 4_000), 'killed at the helper deadline');
    assert.equal(aws.sim.calls.count({ service: 'sts' }), 0, 'no credentials, so no role was asked for');
  });
});

import * as assert from 'node:assert/strict';
import { diagnosisDocument } from '../../src/model/diagnose/document';
import { diagnose, type Diagnosis, type Finding } from '../../src/model/diagnose/rules';
import type { DiagnoseEvidence } from '../../src/model/diagnose/evidence';
import type { Rack } from '../../src/model/rack';
import {
  diagnoseRacks,
  diagnoseScenario,
  memberOfMessage,
  noCapacityMessage,
  noCpuMessage,
  noPortMessage,
  olderUpdateReason,
  unhealthyTargetMessage,
  unsupportedZoneMessage,
  vcpuLimitMessage,
} from '../sim';
import { refreshedStoreHooks, type RefreshedStore } from './helpers';

const problems = (diagnosis: Diagnosis): string[] =>
  diagnosis.findings.filter((finding) => finding.severity === 'problem').map((finding) => finding.title);

/** The one finding whose title matches, with the titles found in the failure message. */
function findingOf(diagnosis: Diagnosis, title: string | RegExp): Finding {
  const matches = diagnosis.findings.filter((finding) =>
    typeof title === 'string' ? finding.title === title : title.test(finding.title),
  );
  assert.equal(
    matches.length,
    1,
    `${String(title)} in ${diagnosis.findings.map((finding) => finding.title).join('; ')}`,
  );
  return matches[0];
}

describe('Diagnose Rack against the simulator', function () {
  this.timeout(30_000);
  let world: RefreshedStore;

  refreshedStoreHooks(
    () => diagnoseScenario(),
    {},
    (built) => (world = built),
  );

  function rackNamed(name: string): Rack {
    const rack = world.store.racks().find((candidate) => candidate.name === name);
    assert.ok(rack, `rack ${name} discovered`);
    return rack;
  }

  /** The evidence as the real reader gathers it; `unread` what it is expected not to read (nothing when absent). */
  async function evidenceOf(name: string, unread: RegExp[] = []): Promise<DiagnoseEvidence> {
    world.aws.sim.calls.reset();
    const evidence = await world.ports.diagnostics.evidence(rackNamed(name), 20_000);
    assert.equal(evidence.calls, world.aws.sim.calls.count(), 'the reader counts every call it makes');
    assert.ok(evidence.calls <= 12, `${evidence.calls} calls`);
    const unreadParts = evidence.unread.map((part) => part.what);
    assert.equal(unreadParts.length, unread.length, unreadParts.join('; '));
    assert.ok(
      unreadParts.every((what) => unread.some((expected) => expected.test(what))),
      unreadParts.join('; '),
    );
    return evidence;
  }

  it('finds, on a converging rack, the server that never joined and the service that cannot place a task', async () => {
    const rack = rackNamed(diagnoseRacks.converging);
    assert.equal(rack.status, 'converging');
    const evidence = await evidenceOf(diagnoseRacks.converging);
    const diagnosis = diagnose(evidence);
    assert.equal(diagnosis.title, `Why is ${rack.fullName} converging?`);
    const found = problems(diagnosis);
    assert.ok(found.includes('1 server is not in service'), found.join('; '));
    assert.ok(found.includes('1 server never joined the ECS cluster'), found.join('; '));
    assert.ok(
      found.some((title) => /ServiceMonitorApi.* cannot place a task/.test(title)),
      found.join('; '),
    );
    assert.ok(found.includes('The rack’s monitor found unhealthy servers'), found.join('; '));
    const placing = diagnosis.findings.find((finding) => finding.title.endsWith('cannot place a task'));
    assert.match(placing?.meaning ?? '', /enough free memory/);
    assert.match(placing?.evidence[0] ?? '', /was unable to place a task/);
    const joined = diagnosis.findings.find((finding) => finding.title.includes('never joined'));
    const lost = evidence.instances[2].id;
    assert.match(joined?.evidence[0] ?? '', new RegExp(`${lost} InService, not a container instance`));
    assert.ok(!found.some((title) => /ServiceWebApi/.test(title)), 'the steady service is not a problem');
    const waiting = findingOf(diagnosis, '1 server is not in service');
    assert.deepEqual(waiting.evidence, [`${evidence.instances[3].id} Pending for 3 min (health Healthy)`]);
    const monitor = findingOf(diagnosis, 'The rack’s monitor found unhealthy servers');
    assert.match(
      monitor.evidence[0],
      new RegExp(`service/monitor/\\S+ who="convox/monitor" what="instance ${lost} missed it's first heartbeat"`),
    );
  });

  it('finds, on UPDATE_ROLLBACK_COMPLETE, the paused autoscaler with the root cause and the failed launches', async () => {
    const rack = rackNamed(diagnoseRacks.rolledBack);
    assert.equal(rack.status, 'running');
    const diagnosis = diagnose(await evidenceOf(diagnoseRacks.rolledBack));
    assert.equal(diagnosis.title, `Why is ${rack.fullName} running?`);
    const rolledBack = diagnosis.findings[0];
    assert.equal(rolledBack.title, 'The last update failed and was rolled back');
    assert.match(rolledBack.meaning, /autoscaler/);
    assert.match(
      rolledBack.meaning,
      /Instances \(AWS::AutoScaling::AutoScalingGroup\) failed: You have requested more vCPU capacity/,
    );
    assert.ok(
      rolledBack.evidence.some((line) => line.includes('HandlerErrorCode: ServiceLimitExceeded')),
      'the raw AWS message',
    );
    const launches = diagnosis.findings.find((finding) => finding.title.startsWith('Auto Scaling failed to launch'));
    assert.match(launches?.meaning ?? '', /vCPU limit/);
    assert.ok(launches?.evidence[0].includes(vcpuLimitMessage));
  });

  it('takes the root cause from the last user-initiated update, not from an older failed one', async () => {
    const evidence = await evidenceOf(diagnoseRacks.rolledBack);
    assert.ok(
      evidence.stackEvents.some((event) => event.reason === olderUpdateReason),
      'the older failure is in the page read',
    );
    const rolledBack = findingOf(diagnose(evidence), 'The last update failed and was rolled back');
    assert.deepEqual(
      rolledBack.evidence.map((line) => line.split(':')[0]),
      [`${diagnoseRacks.rolledBack} UPDATE_ROLLBACK_COMPLETE`, 'Instances UPDATE_FAILED'],
    );
    assert.ok(rolledBack.evidence[1].includes(vcpuLimitMessage), 'the raw reason of the last update');
    assert.ok(!rolledBack.meaning.includes('SUCCESS signal'), rolledBack.meaning);
    assert.ok(!rolledBack.evidence.join('\n').includes(olderUpdateReason));
  });

  it('finds, on a rack scaling in, the draining server with tasks, the disconnected agent, the failed launch and both services unplaceable', async () => {
    const rack = rackNamed(diagnoseRacks.draining);
    assert.equal(rack.status, 'converging');
    const evidence = await evidenceOf(diagnoseRacks.draining);
    const diagnosis = diagnose(evidence);
    const [, lostId, , leavingId] = evidence.instances.map((instance) => instance.id);

    const waiting = findingOf(diagnosis, '1 server is not in service');
    assert.deepEqual(waiting.evidence, [`${leavingId} Terminating:Wait for 12 min (health Healthy)`]);
    const drainingServer = findingOf(diagnosis, '1 draining server still runs tasks');
    assert.deepEqual(drainingServer.evidence, [`${leavingId} DRAINING with 2 running tasks`]);
    const disconnected = findingOf(diagnosis, '1 server’s ECS agent disconnected');
    assert.deepEqual(disconnected.evidence, [`${lostId} ACTIVE, agentConnected false`]);
    assert.ok(!problems(diagnosis).some((title) => title.includes('never joined')), 'a disconnected server has joined');

    const launches = findingOf(diagnosis, 'Auto Scaling failed to launch servers (1 failed activity)');
    assert.match(launches.meaning, /no capacity of this instance type/);
    assert.equal(launches.evidence.length, 1);
    assert.ok(launches.evidence[0].endsWith(`: ${noCapacityMessage}`), launches.evidence[0]);

    const api = findingOf(diagnosis, /ServiceWebApi\S* cannot place a task$/);
    assert.match(api.meaning, /the ports it needs are taken/);
    assert.equal(api.evidence.length, 2);
    assert.ok(api.evidence[0].endsWith(noPortMessage(api.title.split(' ')[0])), api.evidence[0]);
    const monitor = findingOf(diagnosis, /ServiceMonitorApi\S* cannot place a task$/);
    assert.match(monitor.meaning, /enough free CPU/);
    assert.ok(monitor.evidence[0].endsWith(noCpuMessage(monitor.title.split(' ')[0])), monitor.evidence[0]);
  });

  it('finds, on a spot rack without spot servers, the memberOf constraint, the unhealthy targets and the unsupported zone', async () => {
    const evidence = await evidenceOf(diagnoseRacks.spot);
    const diagnosis = diagnose(evidence);
    const monitor = findingOf(diagnosis, /ServiceMonitorApi\S* cannot place a task$/);
    assert.match(monitor.meaning, /placement constraint \(memberOf\)/);
    assert.ok(monitor.evidence[0].endsWith(memberOfMessage(monitor.title.split(' ')[0])), monitor.evidence[0]);

    const api = findingOf(diagnosis, /ServiceWebApi\S* has unhealthy tasks$/);
    const apiName = api.title.split(' ')[0];
    assert.equal(api.evidence.length, 2);
    assert.ok(api.evidence[0].endsWith(unhealthyTargetMessage(apiName, evidence.instances[0].id)), api.evidence[0]);
    assert.ok(!problems(diagnosis).includes(`${apiName} is not steady`), 'said once, as unhealthy');

    const launches = findingOf(diagnosis, /^Auto Scaling failed to launch servers/);
    assert.match(launches.meaning, /not offered in one of the rack’s zones/);
    assert.ok(launches.evidence[0].endsWith(`: ${unsupportedZoneMessage}`), launches.evidence[0]);
  });

  it('notes a stack being updated and finds the service not yet steady', async () => {
    const rack = rackNamed(diagnoseRacks.updating);
    assert.equal(rack.status, 'updating');
    const diagnosis = diagnose(await evidenceOf(diagnoseRacks.updating));
    const working = findingOf(diagnosis, 'CloudFormation is working on the stack (UPDATE_IN_PROGRESS)');
    assert.equal(working.severity, 'note');
    assert.deepEqual(working.evidence, [`${diagnoseRacks.updating} UPDATE_IN_PROGRESS`]);
    const api = findingOf(diagnosis, /ServiceWebApi\S* is not steady$/);
    assert.equal(api.severity, 'problem');
    assert.match(api.meaning, /runs 1 of 2 tasks \(1 pending\)/);
    assert.match(api.evidence[0], /\) has started 1 tasks: \(task 9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b\)\.$/);
    assert.deepEqual(problems(diagnosis), [api.title]);
  });

  const settled: {
    rack: string;
    stackStatus: string;
    status: string;
    title: string;
    cause: RegExp;
    unread?: RegExp[];
  }[] = [
    {
      rack: diagnoseRacks.rollingBack,
      stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS',
      status: 'rollback',
      title: 'CloudFormation is rolling back: Instances failed',
      cause: /^Instances UPDATE_FAILED: Received 1 FAILURE signal\(s\) out of 3\./,
    },
    {
      rack: diagnoseRacks.stuck,
      stackStatus: 'UPDATE_ROLLBACK_FAILED',
      status: 'failed',
      title: 'The rollback of the last update failed',
      cause: /^Instances UPDATE_FAILED: Received 1 FAILURE signal\(s\) out of 3\./,
    },
    {
      rack: diagnoseRacks.failedInstall,
      stackStatus: 'ROLLBACK_COMPLETE',
      status: 'failed',
      title: 'The install failed',
      cause: /^Instances CREATE_FAILED: Received 0 SUCCESS signal\(s\) out of 1\./,
    },
    {
      // The deletion removed the cluster and the log group before failing on the bucket: they cannot be read.
      rack: diagnoseRacks.undeletable,
      stackStatus: 'DELETE_FAILED',
      status: 'running',
      title: 'Deleting the rack failed',
      cause: /^Logs DELETE_FAILED: The bucket you tried to delete is not empty$/,
      unread: [/ECS cluster’s servers/, /ECS services/, /monitor’s lines/],
    },
  ];
  for (const expected of settled) {
    it(`reads ${expected.stackStatus} as “${expected.title}”, with the failed resource in CloudFormation's words`, async () => {
      assert.equal(rackNamed(expected.rack).status, expected.status);
      const diagnosis = diagnose(await evidenceOf(expected.rack, expected.unread));
      const [first] = diagnosis.findings;
      assert.equal(first.title, expected.title);
      assert.equal(first.severity, 'problem');
      assert.match(
        first.evidence[0],
        new RegExp(`^${expected.rack} ${expected.stackStatus}: The following resource\\(s\\) failed to`),
      );
      assert.match(first.evidence[1], expected.cause);
      assert.deepEqual(problems(diagnosis), [expected.title], 'nothing else is wrong');
      // What could not be read is said, as a note with AWS's error.
      const unread = diagnosis.findings.filter((finding) => finding.title.startsWith('Could not read'));
      assert.equal(unread.length, expected.unread?.length ?? 0);
      for (const note of unread) {
        assert.equal(note.severity, 'note');
        assert.match(note.evidence[0], /not found|does not exist/i);
      }
    });
  }

  it('reports nothing wrong on a healthy rack, with what was checked', async () => {
    const evidence = await evidenceOf(diagnoseRacks.healthy);
    const diagnosis = diagnose(evidence);
    assert.deepEqual(problems(diagnosis), []);
    const monitor = findingOf(diagnosis, 'The rack’s monitor’s recent lines');
    assert.equal(monitor.severity, 'note');
    assert.match(monitor.evidence[0], /service\/monitor\/\S+ who="EC2\/ASG" what="Launching a new EC2 instance: i-0/);
    assert.equal(diagnosis.findings.length, 1, 'only the monitor’s note');
    assert.equal(diagnosis.checked.length, 5);
    const document = diagnosisDocument(diagnosis, evidence.readAt, evidence.calls);
    assert.match(document, /## Nothing wrong found/);
    assert.match(document, /## What was checked/);
    assert.match(document, /ServiceWebApi\S* 2\/2/);
  });

  it('reads a 100-server rack in at most 12 calls, ECS batched', async () => {
    const evidence = await evidenceOf(diagnoseRacks.big);
    assert.equal(evidence.instances.length, 100);
    assert.equal(evidence.servers.length, 100);
    const describes = world.aws.sim.calls.all().filter((call) => call.operation === 'DescribeContainerInstances');
    assert.equal(describes.length, 1, 'one DescribeContainerInstances for 100 servers');
    assert.deepEqual(problems(diagnose(evidence)), []);
  });
});

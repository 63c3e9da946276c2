import * as assert from 'node:assert/strict';
import { diagnosisDocument } from '../../src/model/diagnose/document';
import { diagnose, type Diagnosis } from '../../src/model/diagnose/rules';
import type { DiagnoseEvidence } from '../../src/model/diagnose/evidence';
import type { Rack } from '../../src/model/rack';
import { diagnoseRacks, diagnoseScenario, vcpuLimitMessage } from '../sim';
import { refreshedStoreHooks, type RefreshedStore } from './helpers';

const problems = (diagnosis: Diagnosis): string[] =>
  diagnosis.findings.filter((finding) => finding.severity === 'problem').map((finding) => finding.title);

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

  async function evidenceOf(name: string): Promise<DiagnoseEvidence> {
    world.aws.sim.calls.reset();
    const evidence = await world.ports.diagnostics.evidence(rackNamed(name), 20_000);
    assert.equal(evidence.calls, world.aws.sim.calls.count(), 'the reader counts every call it makes');
    assert.ok(evidence.calls <= 12, `${evidence.calls} calls`);
    assert.deepEqual(evidence.unread, []);
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

  it('reports nothing wrong on a healthy rack, with what was checked', async () => {
    const evidence = await evidenceOf(diagnoseRacks.healthy);
    const diagnosis = diagnose(evidence);
    assert.deepEqual(problems(diagnosis), []);
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

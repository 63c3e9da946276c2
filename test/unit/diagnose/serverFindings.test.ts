import * as assert from 'node:assert/strict';
import type { DiagnoseEvidence, GroupInstance, ScalingActivity } from '../../../src/model/diagnose/evidence';
import { diagnose, joinGraceMs } from '../../../src/model/diagnose/rules';
import { ago, evidence, findingTitled, readAt, titles } from './evidence';

const instance = (id: string, lifecycleState: string, launchedAt?: Date): GroupInstance => ({
  id,
  lifecycleState,
  healthStatus: 'Healthy',
  launchedAt,
});

const activity = (statusCode: string, startedAt: Date, statusMessage?: string): ScalingActivity => ({
  description: `Launching a new EC2 instance (${statusCode})`,
  cause: 'a user request update of AutoScalingGroup constraints',
  statusCode,
  statusMessage,
  startedAt,
});

const server = (
  ec2InstanceId: string,
  status: string,
  agentConnected: boolean,
  runningTasks: number,
): DiagnoseEvidence['servers'][number] => ({ ec2InstanceId, status, agentConnected, runningTasks });

const secondsAgo = (seconds: number): Date => new Date(readAt.getTime() - seconds * 1000);

describe('diagnosis of the rack’s servers', () => {
  describe('servers not in service', () => {
    it('tell their time in the state in minutes below two hours, then in hours', () => {
      const finding = diagnose(
        evidence({
          instances: [
            instance('i-1', 'Pending', secondsAgo(20)),
            instance('i-2', 'Pending', ago(1)),
            instance('i-3', 'Pending:Wait', ago(119)),
            instance('i-4', 'Pending:Wait', ago(120)),
          ],
          servers: ['i-1', 'i-2', 'i-3', 'i-4'].map((id) => server(id, 'ACTIVE', true, 0)),
        }),
      ).findings[0];
      assert.equal(finding.title, '4 servers are not in service');
      assert.deepEqual(finding.evidence, [
        'i-1 Pending for less than a minute (health Healthy)',
        'i-2 Pending for 1 min (health Healthy)',
        'i-3 Pending:Wait for 119 min (health Healthy)',
        'i-4 Pending:Wait for 2 h (health Healthy)',
      ]);
    });

    it('without a launch time or an activity naming it, tell only the health', () => {
      const finding = diagnose(evidence({ instances: [instance('i-3', 'Standby')], servers: [] })).findings[0];
      assert.deepEqual(finding.evidence, ['i-3 Standby (health Healthy)']);
    });

    it('say what converging means and how to replace a stuck server', () => {
      const finding = findingTitled(
        evidence({ instances: [instance('i-1', 'Pending', ago(1))], servers: [] }),
        '1 server is not in service',
      );
      assert.equal(finding.severity, 'problem');
      assert.match(finding.meaning, /wait in a lifecycle hook/);
      assert.match(finding.next, /`convox instances terminate ID`/);
    });
  });

  describe('failed scaling activities', () => {
    it('count the failed and cancelled ones only, newest’s message first', () => {
      const finding = diagnose(
        evidence({
          activities: [
            activity('Successful', ago(1)),
            activity('Cancelled', ago(2)),
            activity('InProgress', ago(3)),
            activity('Failed', ago(4), 'Access denied when attempting to assume role'),
          ],
        }),
      ).findings[0];
      assert.equal(finding.title, 'Auto Scaling failed to launch servers (2 failed activities)');
      assert.deepEqual(finding.evidence, [
        `${ago(2).toISOString()} Launching a new EC2 instance (Cancelled): Cancelled`,
        `${ago(4).toISOString()} Launching a new EC2 instance (Failed): Access denied when attempting to assume role`,
      ]);
      // The newest failure has no message of its own and says nothing known.
      assert.equal(finding.meaning, 'The latest failure says Auto Scaling could not launch a server.');
      assert.match(finding.next, /`InstanceType`/);
    });

    it('name one failed activity in the singular', () => {
      assert.deepEqual(titles(evidence({ activities: [activity('Failed', ago(3), 'denied')] })), [
        'Auto Scaling failed to launch servers (1 failed activity)',
      ]);
    });

    it('show the five newest', () => {
      const failures = [1, 2, 3, 4, 5, 6].map((minutes) => activity('Failed', ago(minutes), `failure ${minutes}`));
      const finding = diagnose(evidence({ activities: failures })).findings[0];
      assert.equal(finding.title, 'Auto Scaling failed to launch servers (6 failed activities)');
      assert.deepEqual(
        finding.evidence.map((line) => line.replace(/^.*: /, '')),
        ['failure 1', 'failure 2', 'failure 3', 'failure 4', 'failure 5'],
      );
    });
  });

  describe('servers that never joined the cluster', () => {
    const neverJoined = (instances: GroupInstance[], changes: Partial<DiagnoseEvidence> = {}): string[] =>
      diagnose(evidence({ instances, servers: [], ...changes })).findings.find((finding) =>
        finding.title.includes('never joined'),
      )?.evidence ?? [];

    it('are those in service, or launched more than the grace ago, and not terminating', () => {
      const graceMinutes = joinGraceMs / 60_000;
      assert.deepEqual(
        neverJoined([
          instance('i-1', 'InService', ago(1)),
          instance('i-2', 'InService'),
          instance('i-3', 'Pending', ago(graceMinutes)),
          instance('i-4', 'Pending:Wait', ago(graceMinutes + 1)),
          instance('i-5', 'Pending'),
          instance('i-6', 'Terminating:Wait', ago(600)),
          instance('i-7', 'Terminated', ago(600)),
        ]),
        [
          'i-1 InService, not a container instance of production-Cluster-X, launched 1 min ago',
          'i-2 InService, not a container instance of production-Cluster-X',
          'i-4 Pending:Wait, not a container instance of production-Cluster-X, launched 6 min ago',
        ],
      );
    });

    it('are counted in the title, one in the singular', () => {
      const found = evidence({ instances: [instance('i-1', 'InService'), instance('i-2', 'InService')], servers: [] });
      assert.ok(titles(found).includes('2 servers never joined the ECS cluster'), titles(found).join('; '));
      const one = findingTitled(
        evidence({ instances: [instance('i-1', 'InService')], servers: [] }),
        '1 server never joined the ECS cluster',
      );
      assert.match(one.meaning, /ECS agent never registered/);
      assert.match(one.next, /system log in the EC2 console/);
    });

    it('are not guessed when the cluster’s servers could not be read: the unread part is reported instead', () => {
      const unread = {
        part: 'servers' as const,
        what: 'the ECS cluster’s servers (ecs:ListContainerInstances)',
        message: 'AccessDenied',
      };
      const found = evidence({ instances: [instance('i-1', 'InService', ago(30))], servers: [], unread: [unread] });
      assert.deepEqual(neverJoined([instance('i-1', 'InService', ago(30))], { unread: [unread] }), []);
      assert.deepEqual(titles(found), [], 'no problem is guessed');
      assert.deepEqual(findingTitled(found, `Could not read ${unread.what}`).evidence, ['AccessDenied']);
      const otherPart = { ...unread, part: 'monitor' as const, what: 'the monitor’s lines' };
      assert.equal(neverJoined([instance('i-1', 'InService', ago(30))], { unread: [otherPart] }).length, 1);
    });

    it('name “the cluster” when the rack has no cluster name', () => {
      assert.deepEqual(neverJoined([instance('i-1', 'InService', ago(30))], { clusterName: undefined }), [
        'i-1 InService, not a container instance of the cluster, launched 30 min ago',
      ]);
    });
  });

  describe('servers of the cluster', () => {
    it('with their agent disconnected are the active ones only', () => {
      const servers = [
        server('i-1', 'ACTIVE', false, 0),
        server('i-2', 'ACTIVE', false, 2),
        server('i-3', 'DRAINING', false, 0),
        server('i-4', 'ACTIVE', true, 1),
      ];
      const found = evidence({ instances: [], servers });
      const finding = findingTitled(found, '2 servers’ ECS agent disconnected');
      assert.deepEqual(finding.evidence, ['i-1 ACTIVE, agentConnected false', 'i-2 ACTIVE, agentConnected false']);
      assert.match(finding.meaning, /marks such a server unhealthy after 5 minutes/);
      assert.match(finding.next, /Wait for the replacement/);
      assert.deepEqual(titles(evidence({ instances: [], servers: [servers[2]] })), [], 'a draining server’s agent');
    });

    it('draining with tasks say how many each still runs', () => {
      const found = evidence({
        instances: [],
        servers: [
          server('i-1', 'DRAINING', true, 3),
          server('i-2', 'DRAINING', true, 1),
          server('i-3', 'DRAINING', true, 0),
        ],
      });
      const finding = findingTitled(found, '2 draining servers still run tasks');
      assert.deepEqual(finding.evidence, ['i-1 DRAINING with 3 running tasks', 'i-2 DRAINING with 1 running task']);
      assert.match(finding.meaning, /cannot be terminated/);
      assert.match(finding.next, /"unable to place a task"/);
      assert.deepEqual(titles(evidence({ instances: [], servers: [server('i-3', 'DRAINING', true, 0)] })), []);
    });
  });
});

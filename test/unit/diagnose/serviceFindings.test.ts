import * as assert from 'node:assert/strict';
import type { DiagnoseEvidence, RackService } from '../../../src/model/diagnose/evidence';
import { diagnose, maxMonitorLines, recentServiceEventsMs } from '../../../src/model/diagnose/rules';
import { ago, evidence, findingTitled, titles } from './evidence';

type ServiceEvent = RackService['events'][number];

const service = (events: ServiceEvent[], running = 1, desired = 1, pending = 0): RackService => ({
  name: 'svc',
  desired,
  running,
  pending,
  events,
});
const withService = (events: ServiceEvent[], running?: number, desired?: number, pending?: number) =>
  evidence({ services: [service(events, running, desired, pending)] });

const unplaceable = (at: Date, why = 'has insufficient memory available.'): ServiceEvent => ({
  at,
  message: `(service svc) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance x) ${why}`,
});
const unhealthy = (at: Date): ServiceEvent => ({
  at,
  message: `(service svc) (instance i-1) (port 3000) is unhealthy in target-group tg due to (reason Health checks failed) ${at.getTime()}.`,
});
const steady = (at: Date): ServiceEvent => ({ at, message: '(service svc) has reached a steady state.' });
const started = (at: Date): ServiceEvent => ({
  at,
  message: `(service svc) has started 1 tasks: (task ${at.getTime()}).`,
});
const line = (event: ServiceEvent): string => `${event.at.toISOString()} ${event.message}`;

describe('diagnosis of the rack’s services', () => {
  it('a task no server can take: the three newest events, and the reason when none is known', () => {
    const events = [
      unplaceable(ago(1), 'is missing an attribute required by your task.'),
      unplaceable(ago(2)),
      unplaceable(ago(3)),
      unplaceable(ago(4)),
    ];
    const finding = findingTitled(withService(events, 0), 'svc cannot place a task');
    assert.equal(finding.meaning, 'ECS cannot start the rack’s own service: no server can take it.');
    assert.match(finding.next, /`Convox: Scale Rack`/);
    assert.deepEqual(finding.evidence, events.slice(0, 3).map(line));
  });

  it('reads only the events of the last 30 minutes for placement and health', () => {
    const recentMinutes = recentServiceEventsMs / 60_000;
    assert.deepEqual(titles(withService([unplaceable(ago(recentMinutes))], 0)), ['svc cannot place a task']);
    assert.deepEqual(titles(withService([unhealthy(ago(recentMinutes))], 0)), ['svc has unhealthy tasks']);
    // Older ones no longer tell why; the service is still not steady.
    assert.deepEqual(titles(withService([unplaceable(ago(recentMinutes + 1))], 0)), ['svc is not steady']);
    assert.deepEqual(titles(withService([unhealthy(ago(recentMinutes + 1))], 0)), ['svc is not steady']);
  });

  it('unhealthy tasks: the three newest health-check failures and where to read why', () => {
    const events = [unhealthy(ago(1)), started(ago(2)), unhealthy(ago(3)), unhealthy(ago(4)), unhealthy(ago(5))];
    const finding = findingTitled(withService(events), 'svc has unhealthy tasks');
    assert.match(finding.meaning, /health checks fail/);
    assert.match(finding.next, /stream service\/web/);
    assert.deepEqual(finding.evidence, [events[0], events[2], events[3]].map(line));
  });

  it('not steady: fewer tasks running than desired, or no steady state since the newest event', () => {
    const events = [started(ago(1)), started(ago(2)), started(ago(3)), started(ago(4))];
    const finding = findingTitled(withService(events, 1, 2, 1), 'svc is not steady');
    assert.equal(finding.meaning, 'ECS runs 1 of 2 tasks (1 pending) and has not reported a steady state since.');
    assert.match(finding.next, /Wait a few minutes/);
    assert.deepEqual(finding.evidence, events.slice(0, 3).map(line));
    assert.deepEqual(titles(withService([started(ago(1))], 2, 2)), ['svc is not steady'], 'all running, not steady');
    assert.deepEqual(titles(withService([], 0, 1)), ['svc is not steady'], 'no events, short of tasks');
  });

  it('a service with all its tasks and no events, or steady at last, is fine', () => {
    assert.deepEqual(titles(withService([], 2, 2)), []);
    assert.deepEqual(titles(withService([steady(ago(1)), unplaceable(ago(2)), unhealthy(ago(3))], 2, 2)), []);
  });
});

describe('diagnosis from the rack’s monitor', () => {
  const monitorLine = (minutes: number, message: string): DiagnoseEvidence['monitorLines'][number] => ({
    at: ago(minutes),
    stream: 'service/monitor/t',
    message,
  });
  const launching = (minutes: number) =>
    monitorLine(minutes, `who="EC2/ASG" what="Launching a new EC2 instance: i-${minutes}" why="x"`);

  it('shows its newest lines, oldest first, as a note when none is about an unhealthy server', () => {
    const lines = Array.from({ length: maxMonitorLines + 2 }, (_, index) => launching(60 - index));
    const finding = diagnose(evidence({ monitorLines: lines })).findings[0];
    assert.equal(finding.severity, 'note');
    assert.equal(finding.title, 'The rack’s monitor’s recent lines');
    assert.match(finding.meaning, /scaling activities of the Instances group/);
    assert.match(finding.next, /stream service\/monitor/);
    assert.deepEqual(
      finding.evidence,
      lines.slice(2).map((each) => `${each.at.toISOString()} service/monitor/t ${each.message}`),
    );
  });

  it('is a problem when one line marks a server unhealthy', () => {
    const finding = diagnose(
      evidence({
        monitorLines: [
          launching(20),
          monitorLine(
            10,
            'who="convox/monitor" what="marked instance i-0abc123 unhealthy" why="ECS reported agent disconnected"',
          ),
          launching(5),
        ],
      }),
    ).findings[0];
    assert.equal(finding.severity, 'problem');
    assert.equal(finding.title, 'The rack’s monitor found unhealthy servers');
    assert.match(finding.meaning, /had them replaced/);
  });
});

describe('diagnosis of what could not be read', () => {
  it('is a note that the part is missing, with AWS’s message', () => {
    const finding = diagnose(
      evidence({
        unread: [{ part: 'group', what: 'the Auto Scaling group', message: 'AccessDenied: not authorized' }],
      }),
    ).findings[0];
    assert.equal(finding.severity, 'note');
    assert.match(finding.meaning, /This part of the diagnosis is missing/);
    assert.match(finding.next, /`Convox: Diagnose Rack` again/);
    assert.deepEqual(finding.evidence, ['AccessDenied: not authorized']);
  });
});

import * as assert from 'node:assert/strict';
import { diagnosisDocument } from '../../../src/model/diagnose/document';
import type { DiagnoseEvidence } from '../../../src/model/diagnose/evidence';
import { diagnose, eventsSinceLastUpdate, joinGraceMs } from '../../../src/model/diagnose/rules';
import { ago, evidence, readAt, stackEvent, titles } from './evidence';

describe('diagnosis rules', () => {
  it('finds nothing wrong on a healthy rack and lists what it checked', () => {
    const diagnosis = diagnose(evidence());
    assert.deepEqual(diagnosis.findings, []);
    assert.equal(diagnosis.title, 'Why is acme/production running?');
    assert.match(
      diagnosisDocument(diagnosis, readAt, 10),
      /## Nothing wrong found[\s\S]*## What was checked\n\n- CloudFormation stack production: UPDATE_COMPLETE/,
    );
  });

  it('takes the root cause from the last user-initiated update only', () => {
    const stack = 'AWS::CloudFormation::Stack';
    const newestFirst = [
      stackEvent(ago(5), 'production', 'UPDATE_ROLLBACK_COMPLETE', undefined, stack),
      stackEvent(
        ago(9),
        'Instances',
        'UPDATE_FAILED',
        'Resource handler returned message: "vCPU limit" (RequestToken: x, HandlerErrorCode: ServiceLimitExceeded)',
      ),
      stackEvent(ago(10), 'production', 'UPDATE_IN_PROGRESS', 'User Initiated', stack),
      stackEvent(ago(100), 'Cluster', 'UPDATE_FAILED', 'an older failure'),
      stackEvent(ago(101), 'production', 'UPDATE_IN_PROGRESS', 'User Initiated', stack),
    ];
    assert.equal(eventsSinceLastUpdate(newestFirst, 'production').length, 3);
    const diagnosis = diagnose(evidence({ stackStatus: 'UPDATE_ROLLBACK_COMPLETE', stackEvents: newestFirst }));
    const [first] = diagnosis.findings;
    assert.equal(first.title, 'The last update failed and was rolled back');
    assert.match(first.meaning, /Instances \(AWS::AutoScaling::AutoScalingGroup\) failed: vCPU limit/);
    assert.match(first.meaning, /autoscaler/);
    assert.ok(!first.meaning.includes('older failure'));
    assert.ok(
      first.evidence.some((line) => line.includes('RequestToken: x')),
      'the raw message',
    );
  });

  it('tells servers not in service, never joined, disconnected and draining with tasks', () => {
    const found = titles(
      evidence({
        instances: [
          { id: 'i-1', lifecycleState: 'InService', healthStatus: 'Healthy', launchedAt: ago(600) },
          { id: 'i-2', lifecycleState: 'InService', healthStatus: 'Healthy', launchedAt: ago(40) },
          { id: 'i-3', lifecycleState: 'Pending', healthStatus: 'Healthy', launchedAt: ago(1) },
          { id: 'i-4', lifecycleState: 'Terminating:Wait', healthStatus: 'Healthy', launchedAt: ago(600) },
        ],
        servers: [
          { ec2InstanceId: 'i-1', status: 'ACTIVE', agentConnected: false, runningTasks: 0 },
          { ec2InstanceId: 'i-4', status: 'DRAINING', agentConnected: true, runningTasks: 3 },
        ],
      }),
    );
    assert.deepEqual(found, [
      '2 servers are not in service',
      '1 server never joined the ECS cluster',
      '1 server’s ECS agent disconnected',
      '1 draining server still runs tasks',
    ]);
  });

  it('tells how long a server has been in its state: pending since launch, others since their activity', () => {
    const lines = diagnose(
      evidence({
        instances: [
          { id: 'i-1', lifecycleState: 'Pending', healthStatus: 'Healthy', launchedAt: ago(3) },
          { id: 'i-2', lifecycleState: 'Terminating:Wait', healthStatus: 'Unhealthy', launchedAt: ago(6000) },
          { id: 'i-3', lifecycleState: 'Standby', healthStatus: 'Healthy', launchedAt: ago(6000) },
        ],
        servers: [],
        activities: [
          {
            description: 'Terminating EC2 instance: i-2',
            cause: 'an instance was taken out of service in response to an EC2 health check',
            statusCode: 'InProgress',
            startedAt: ago(12),
          },
        ],
      }),
    ).findings[0].evidence;
    assert.deepEqual(lines, [
      'i-1 Pending for 3 min (health Healthy)',
      'i-2 Terminating:Wait for 12 min (health Unhealthy)',
      'i-3 Standby, launched 100 h ago (health Healthy)',
    ]);
  });

  it('gives a pending server time to join before calling it lost', () => {
    const found = titles(
      evidence({
        instances: [
          {
            id: 'i-9',
            lifecycleState: 'Pending',
            healthStatus: 'Healthy',
            launchedAt: new Date(readAt.getTime() - joinGraceMs + 1000),
          },
        ],
        servers: [],
      }),
    );
    assert.deepEqual(found, ['1 server is not in service']);
  });

  it('explains failed scaling activities by their message', () => {
    const failed = (statusMessage: string): DiagnoseEvidence['activities'] => [
      {
        description: 'Launching a new EC2 instance',
        cause: '',
        statusCode: 'Failed',
        statusMessage,
        startedAt: ago(3),
      },
    ];
    const meaning = (message: string): string =>
      diagnose(evidence({ activities: failed(message) })).findings[0].meaning;
    assert.match(
      meaning('You have requested more vCPU capacity than your current vCPU limit of 32 allows'),
      /vCPU limit/,
    );
    assert.match(
      meaning('We currently do not have sufficient t3.small capacity (InsufficientInstanceCapacity)'),
      /no capacity/,
    );
    assert.match(
      meaning(
        'We currently do not have sufficient t3.large capacity in the Availability Zone you requested (us-east-1a). Our system will be working on provisioning additional capacity. You can currently get t3.large capacity by not specifying an Availability Zone in your request or choosing us-east-1b, us-east-1c. Launching EC2 instance failed.',
      ),
      /no capacity/,
      'as EC2 words it, without its error code',
    );
    assert.match(
      meaning(
        'Your requested instance type (t4g.small) is not supported in your requested Availability Zone (us-east-1e)',
      ),
      /not offered/,
    );
  });

  it('reads the rack services’ events: placement, health, steadiness', () => {
    const service = (messages: string[], running = 0): DiagnoseEvidence['services'] => [
      {
        name: 'svc',
        desired: 1,
        running,
        pending: 0,
        events: messages.map((message, index) => ({ at: ago(index + 1), message })),
      },
    ];
    const unplaceable = (why: string): string =>
      `(service svc) was unable to place a task because no container instance met all of its requirements. ${why}`;
    const meaning = (messages: string[]): string =>
      diagnose(evidence({ services: service(messages) })).findings[0].meaning;
    assert.match(
      meaning([unplaceable('The closest matching (container-instance x) has insufficient memory available.')]),
      /free memory/,
    );
    assert.match(
      meaning([unplaceable('The closest matching (container-instance x) has insufficient CPU units available.')]),
      /free CPU/,
    );
    assert.match(
      meaning([
        unplaceable('The closest matching (container-instance x) is already using a port required by your task.'),
      ]),
      /ports/,
    );
    assert.match(
      meaning([
        unplaceable('No Container Instances were found in your cluster matching memberOf(attribute:asg == spot).'),
      ]),
      /memberOf/,
    );
    assert.deepEqual(
      titles(
        evidence({
          services: service([
            '(service svc) (instance i-1) (port 3000) is unhealthy in target-group tg due to (reason Health checks failed).',
          ]),
        }),
      ),
      ['svc has unhealthy tasks'],
    );
    assert.deepEqual(
      titles(
        evidence({
          services: service([
            '(service svc) (task 0a1b) (instance i-1) (port 32768) is unhealthy in (target-group arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web/0a1b) due to (reason Health checks failed with these codes: [502]).',
          ]),
        }),
      ),
      ['svc has unhealthy tasks'],
      'as ECS writes it, the target group in parentheses',
    );
    assert.deepEqual(titles(evidence({ services: service(['(service svc) has started 1 tasks: (task abc).']) })), [
      'svc is not steady',
    ]);
    assert.deepEqual(
      titles(
        evidence({
          services: service(['(service svc) has reached a steady state.', unplaceable('insufficient memory')], 1),
        }),
      ),
      [],
      'steady since',
    );
  });

  it('shows the monitor’s lines, as a problem when it found unhealthy servers', () => {
    const line = (message: string): DiagnoseEvidence['monitorLines'][number] => ({
      at: ago(5),
      stream: 'service/monitor/t',
      message,
    });
    const quiet = diagnose(
      evidence({ monitorLines: [line('who="EC2/ASG" what="Launching a new EC2 instance" why="x"')] }),
    );
    assert.equal(quiet.findings[0].severity, 'note');
    assert.deepEqual(
      titles(
        evidence({
          monitorLines: [
            line(
              'who="convox/monitor" what="instance i-1 missed it\'s first heartbeat" why="ECS reported agent disconnected"',
            ),
          ],
        }),
      ),
      ['The rack’s monitor found unhealthy servers'],
    );
  });

  it('says what could not be read, and keeps AWS text in a fence it cannot close', () => {
    const diagnosis = diagnose(
      evidence({ unread: [{ part: 'monitor', what: 'the monitor’s lines', message: 'denied ``` # heading' }] }),
    );
    assert.equal(diagnosis.findings[0].title, 'Could not read the monitor’s lines');
    const document = diagnosisDocument(diagnosis, readAt, 3);
    assert.match(document, /````text\ndenied ``` # heading\n````/);
  });

  it('puts the problems first, then the notes, each in the order found', () => {
    const diagnosis = diagnose(
      evidence({
        stackStatus: 'UPDATE_IN_PROGRESS',
        servers: [
          { ec2InstanceId: 'i-1', status: 'ACTIVE', agentConnected: false, runningTasks: 0 },
          { ec2InstanceId: 'i-2', status: 'ACTIVE', agentConnected: true, runningTasks: 1 },
        ],
        unread: [{ part: 'monitor', what: 'the monitor’s lines', message: 'denied' }],
      }),
    );
    assert.deepEqual(
      diagnosis.findings.map((finding) => `${finding.severity}: ${finding.title}`),
      [
        'problem: 1 server’s ECS agent disconnected',
        'note: CloudFormation is working on the stack (UPDATE_IN_PROGRESS)',
        'note: Could not read the monitor’s lines',
      ],
    );
  });

  it('lists what it checked, with counts, and what the rack lacks', () => {
    const services = evidence().services;
    assert.deepEqual(
      diagnose(
        evidence({
          stackEvents: [stackEvent(ago(10), 'production', 'UPDATE_COMPLETE', undefined, 'AWS::CloudFormation::Stack')],
          activities: [{ description: 'Launching', cause: '', statusCode: 'Successful', startedAt: ago(50) }],
          services: [...services, { ...services[0], name: 'production-ServiceMonitorApi-X', running: 0, desired: 1 }],
          monitorLines: [{ at: ago(5), stream: 'service/monitor/t', message: 'who="EC2/ASG"' }],
        }),
      ).checked,
      [
        'CloudFormation stack production: UPDATE_COMPLETE, 1 recent events',
        'Auto Scaling group production-Instances-X: 2 servers, 1 recent activities',
        'ECS cluster production-Cluster-X: 2 registered servers',
        "the rack's ECS services: production-ServiceWebApi-X 2/2, production-ServiceMonitorApi-X 0/1",
        "the monitor's lines in production-LogGroup-X: 1",
      ],
    );
    assert.deepEqual(
      diagnose(
        evidence({
          groupName: undefined,
          instances: [],
          clusterName: undefined,
          servers: [],
          services: [],
          logGroup: undefined,
        }),
      ).checked.slice(1),
      [
        'Auto Scaling: no Instances group found',
        'ECS: no cluster found',
        "the rack's ECS services: none found",
        'the monitor: the rack has no CloudWatch log group',
      ],
    );
  });
});

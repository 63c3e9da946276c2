import { chronological, isStackEvent, type StackEvent } from '../stackEvents';
import { rootCause, rootCauseSentence } from '../install/rootCause';
import type { DiagnoseEvidence, GroupInstance, RackService } from './evidence';

/** One thing found: what it means, what to do next, and the AWS messages it rests on. */
export interface Finding {
  /** `problem`: a reason the rack is not running as it should; `note`: worth knowing, not wrong. */
  severity: 'problem' | 'note';
  title: string;
  meaning: string;
  next: string;
  /** AWS's own words, unchanged. */
  evidence: string[];
}

export interface Diagnosis {
  title: string;
  findings: Finding[];
  /** What was looked at, for "Nothing wrong found". */
  checked: string[];
}

/** A server not yet joined this long after launch has failed to join (ECS agents register within a minute or two). */
export const joinGraceMs = 5 * 60_000;
/** The service events that tell its present: those of the last 30 minutes, newest first. */
export const recentServiceEventsMs = 30 * 60_000;
/** Monitor lines worth showing. */
export const maxMonitorLines = 10;

const minutes = (ms: number): string => {
  const total = Math.max(0, Math.round(ms / 60_000));
  if (total < 1) return 'less than a minute';
  if (total < 120) return `${total} min`;
  return `${Math.round(total / 60)} h`;
};

/** The events since the last update a person (or the rack API for them) started: the stack's `User Initiated` event. */
export function eventsSinceLastUpdate(newestFirst: readonly StackEvent[], stackName: string): StackEvent[] {
  const events = chronological(newestFirst);
  let start = 0;
  events.forEach((event, index) => {
    if (isStackEvent(event, stackName) && event.status.endsWith('_IN_PROGRESS') && event.reason === 'User Initiated')
      start = index;
  });
  return events.slice(start).reverse();
}

function stackFindings(evidence: DiagnoseEvidence): Finding[] {
  const { stackStatus, stackName } = evidence;
  const findings: Finding[] = [];
  const since = eventsSinceLastUpdate(evidence.stackEvents, stackName);
  const cause = rootCause(since, stackName);
  const causeEvidence = cause ? [`${cause.logicalId} ${cause.status}: ${cause.rawReason}`] : [];
  const stackLine = `${stackName} ${stackStatus}${evidence.stackReason ? `: ${evidence.stackReason}` : ''}`;
  if (stackStatus === 'UPDATE_ROLLBACK_COMPLETE') {
    findings.push({
      severity: 'problem',
      title: 'The last update failed and was rolled back',
      meaning: `The rack looks running, but CloudFormation undid its last update${cause ? ` because ${rootCauseSentence(cause)}` : ''}. Until an update succeeds, the rack's autoscaler leaves the instance count alone: the rack does not grow or shrink with its load.`,
      next: 'Fix the cause, then update again: `Convox: Update Rack` (or `convox rack update`), or `convox rack params set` with a corrected value.',
      evidence: [stackLine, ...causeEvidence],
    });
  } else if (
    stackStatus === 'ROLLBACK_COMPLETE' ||
    stackStatus === 'ROLLBACK_FAILED' ||
    stackStatus === 'CREATE_FAILED'
  ) {
    findings.push({
      severity: 'problem',
      title: 'The install failed',
      meaning: `The stack was never created${cause ? `: ${rootCauseSentence(cause)}` : ''}. A stack in ${stackStatus} keeps the name from being used again.`,
      next: 'Fix the cause, then `Convox: Uninstall Rack` (or delete the stack in the CloudFormation console) and install again.',
      evidence: [stackLine, ...causeEvidence],
    });
  } else if (stackStatus === 'UPDATE_ROLLBACK_FAILED') {
    findings.push({
      severity: 'problem',
      title: 'The rollback of the last update failed',
      meaning: `CloudFormation could not undo a failed update${cause ? ` (${rootCauseSentence(cause)})` : ''}; the stack accepts no update until the rollback is continued.`,
      next: 'In the CloudFormation console, choose "Continue update rollback" on the stack (skipping the resources that cannot roll back), then update again.',
      evidence: [stackLine, ...causeEvidence],
    });
  } else if (stackStatus === 'DELETE_FAILED') {
    findings.push({
      severity: 'problem',
      title: 'Deleting the rack failed',
      meaning: `Some resources could not be deleted${cause ? `: ${rootCauseSentence(cause)}` : ''}.`,
      next: 'Remove what blocks the deletion (deletion protection, objects in use), then `Convox: Uninstall Rack` again.',
      evidence: [stackLine, ...causeEvidence],
    });
  } else if (stackStatus.endsWith('_IN_PROGRESS')) {
    findings.push({
      severity: cause ? 'problem' : 'note',
      title: cause
        ? `CloudFormation is rolling back: ${cause.logicalId} failed`
        : `CloudFormation is working on the stack (${stackStatus})`,
      meaning: cause ? rootCauseSentence(cause) : 'The rack changes until the stack settles; its status follows.',
      next: 'Watch the stack events (`Convox: Inspect Rack`); run Diagnose again once the stack has settled.',
      evidence: [stackLine, ...causeEvidence],
    });
  }
  return findings;
}

function capacityReason(message: string): string {
  if (/vcpu/i.test(message))
    return 'the account’s vCPU limit for this instance family is reached: ask AWS for a higher limit (Service Quotas) or use a smaller instance type';
  // EC2's InsufficientInstanceCapacity reaches the activity as its text only: `We currently do not have sufficient
  // t3.large capacity in the Availability Zone you requested (…)`.
  if (/InsufficientInstanceCapacity|insufficient capacity|do not have sufficient \S+ capacity/i.test(message))
    return 'AWS has no capacity of this instance type in the zone just now: try again later, or choose another instance type';
  if (/not supported in your requested Availability Zone|Unsupported/i.test(message))
    return 'the instance type is not offered in one of the rack’s zones: choose another instance type';
  return 'Auto Scaling could not launch a server';
}

/**
 * How long a server has been in its state: a pending one since EC2 launched it; any other (Terminating:Wait,
 * EnteringStandby…) since the latest activity that names it, as its launch may be months old. Auto Scaling does
 * not give the time a state began.
 */
function stateAge(evidence: DiagnoseEvidence, instance: GroupInstance, now: number): string {
  const health = ` (health ${instance.healthStatus})`;
  const since = instance.lifecycleState.startsWith('Pending')
    ? instance.launchedAt
    : evidence.activities.find((activity) => activity.description.includes(instance.id))?.startedAt;
  if (since) return ` for ${minutes(now - since.getTime())}${health}`;
  return `${instance.launchedAt ? `, launched ${minutes(now - instance.launchedAt.getTime())} ago` : ''}${health}`;
}

function autoScalingFindings(evidence: DiagnoseEvidence): Finding[] {
  const findings: Finding[] = [];
  const now = evidence.readAt.getTime();
  const waiting = evidence.instances.filter((instance) => instance.lifecycleState !== 'InService');
  if (waiting.length > 0) {
    findings.push({
      severity: 'problem',
      title: `${waiting.length} server${waiting.length === 1 ? ' is' : 's are'} not in service`,
      meaning:
        'The rack is converging while servers start, stop or wait in a lifecycle hook; a server that stays so for long has a problem of its own (below).',
      next: 'Watch them in the Racks view or `convox instances`; one stuck for more than 15 minutes can be terminated (`convox instances terminate ID`) for Auto Scaling to replace.',
      evidence: waiting.map(
        (instance) => `${instance.id} ${instance.lifecycleState}${stateAge(evidence, instance, now)}`,
      ),
    });
  }
  const failed = evidence.activities.filter(
    (activity) => activity.statusCode === 'Failed' || activity.statusCode === 'Cancelled',
  );
  if (failed.length > 0) {
    const newest = failed[0];
    findings.push({
      severity: 'problem',
      title: `Auto Scaling failed to launch servers (${failed.length} failed activit${failed.length === 1 ? 'y' : 'ies'})`,
      meaning: `The latest failure says ${capacityReason(`${newest.statusMessage ?? ''} ${newest.description}`)}.`,
      next: 'Change the instance type with `Convox: Set Rack Parameters` (`InstanceType`), or raise the limit in Service Quotas.',
      evidence: failed
        .slice(0, 5)
        .map(
          (activity) =>
            `${activity.startedAt.toISOString()} ${activity.description}: ${activity.statusMessage ?? activity.statusCode}`,
        ),
    });
  }
  return findings;
}

function clusterFindings(evidence: DiagnoseEvidence): Finding[] {
  const findings: Finding[] = [];
  const now = evidence.readAt.getTime();
  const joined = new Set(evidence.servers.map((server) => server.ec2InstanceId));
  const launchedLongAgo = (launchedAt: Date | undefined): boolean =>
    launchedAt !== undefined && now - launchedAt.getTime() > joinGraceMs;
  // Servers the cluster could not be asked about are not "never joined": the unread finding says why instead.
  const serversRead = !evidence.unread.some((unread) => unread.part === 'servers');
  const neverJoined = evidence.instances.filter(
    (instance) =>
      serversRead &&
      !joined.has(instance.id) &&
      !instance.lifecycleState.startsWith('Terminat') &&
      (instance.lifecycleState === 'InService' || launchedLongAgo(instance.launchedAt)),
  );
  if (neverJoined.length > 0) {
    findings.push({
      severity: 'problem',
      title: `${neverJoined.length} server${neverJoined.length === 1 ? '' : 's'} never joined the ECS cluster`,
      meaning:
        'The server runs but its ECS agent never registered, so nothing can be placed on it: a bad AMI or boot command, no route to the ECS endpoint (private subnets without NAT), or an instance role without ECS rights.',
      next: 'Look at the server’s system log in the EC2 console; terminate it (`convox instances terminate ID`) once the cause is fixed.',
      evidence: neverJoined.map(
        (instance) =>
          `${instance.id} ${instance.lifecycleState}, not a container instance of ${evidence.clusterName ?? 'the cluster'}${instance.launchedAt ? `, launched ${minutes(now - instance.launchedAt.getTime())} ago` : ''}`,
      ),
    });
  }
  const disconnected = evidence.servers.filter((server) => !server.agentConnected && server.status === 'ACTIVE');
  if (disconnected.length > 0) {
    findings.push({
      severity: 'problem',
      title: `${disconnected.length} server${disconnected.length === 1 ? '’s' : 's’'} ECS agent disconnected`,
      meaning:
        'ECS cannot place or stop tasks there; the rack’s monitor marks such a server unhealthy after 5 minutes so Auto Scaling replaces it.',
      next: 'Wait for the replacement, or terminate the server (`convox instances terminate ID`).',
      evidence: disconnected.map((server) => `${server.ec2InstanceId} ACTIVE, agentConnected false`),
    });
  }
  const draining = evidence.servers.filter((server) => server.status === 'DRAINING' && server.runningTasks > 0);
  if (draining.length > 0) {
    findings.push({
      severity: 'problem',
      title: `${draining.length} draining server${draining.length === 1 ? ' still runs' : 's still run'} tasks`,
      meaning:
        'ECS moves tasks off a draining server only when their service can start them elsewhere; until then the server cannot be terminated.',
      next: 'Check the services below for "unable to place a task": the other servers may lack room.',
      evidence: draining.map(
        (server) =>
          `${server.ec2InstanceId} DRAINING with ${server.runningTasks} running task${server.runningTasks === 1 ? '' : 's'}`,
      ),
    });
  }
  return findings;
}

function placementReason(message: string): string {
  if (/memberOf/i.test(message))
    return 'no server matches the service’s placement constraint (memberOf): a spot-only rack with no spot servers';
  if (/insufficient memory/i.test(message)) return 'no server has enough free memory';
  if (/insufficient CPU/i.test(message)) return 'no server has enough free CPU';
  if (/\bports?\b/i.test(message)) return 'the ports it needs are taken on every server';
  return 'no server can take it';
}

function serviceFindings(evidence: DiagnoseEvidence, service: RackService): Finding[] {
  const now = evidence.readAt.getTime();
  const recent = service.events.filter((event) => now - event.at.getTime() <= recentServiceEventsMs);
  const newest = service.events[0];
  const steady = newest !== undefined && /has reached a steady state/.test(newest.message);
  const unplaceable = recent.filter((event) => /was unable to place a task/.test(event.message));
  // ECS writes `(port N) is unhealthy in (target-group ARN) due to (reason …)`, the target group in parentheses.
  const unhealthy = recent.filter((event) =>
    /is unhealthy in \(?target-group|failed (ELB|container) health checks/.test(event.message),
  );
  const findings: Finding[] = [];
  if (unplaceable.length > 0 && !steady) {
    findings.push({
      severity: 'problem',
      title: `${service.name} cannot place a task`,
      meaning: `ECS cannot start the rack’s own service: ${placementReason(unplaceable[0].message)}.`,
      next: 'Add servers (`Convox: Scale Rack` or `convox rack params set InstanceCount=N`) or a larger instance type; on a spot-only rack, check the spot group.',
      evidence: unplaceable.slice(0, 3).map((event) => `${event.at.toISOString()} ${event.message}`),
    });
  }
  if (unhealthy.length > 0 && !steady) {
    findings.push({
      severity: 'problem',
      title: `${service.name} has unhealthy tasks`,
      meaning: 'The load balancer’s health checks fail on the service’s tasks, so ECS keeps replacing them.',
      next: 'Read the service’s own lines (`Convox: Show Rack Logs`, stream service/web) for why it does not answer.',
      evidence: unhealthy.slice(0, 3).map((event) => `${event.at.toISOString()} ${event.message}`),
    });
  }
  if (findings.length === 0 && (service.running < service.desired || (newest !== undefined && !steady))) {
    findings.push({
      severity: 'problem',
      title: `${service.name} is not steady`,
      meaning: `ECS runs ${service.running} of ${service.desired} tasks (${service.pending} pending) and has not reported a steady state since.`,
      next: 'Wait a few minutes; if it stays so, its latest events below say why.',
      evidence: service.events.slice(0, 3).map((event) => `${event.at.toISOString()} ${event.message}`),
    });
  }
  return findings;
}

function monitorFindings(evidence: DiagnoseEvidence): Finding[] {
  if (evidence.monitorLines.length === 0) return [];
  const lines = evidence.monitorLines.slice(-maxMonitorLines);
  const troubled = lines.some((line) => /missed it's first heartbeat|marked instance .* unhealthy/.test(line.message));
  return [
    {
      severity: troubled ? 'problem' : 'note',
      title: troubled ? 'The rack’s monitor found unhealthy servers' : 'The rack’s monitor’s recent lines',
      meaning: troubled
        ? 'The monitor saw servers whose ECS agent did not connect and had them replaced (or will, 5 minutes after the first warning).'
        : 'What the monitor reported lately: scaling activities of the Instances group.',
      next: 'Follow the rack’s logs: `Convox: Show Rack Logs`, stream service/monitor.',
      evidence: lines.map((line) => `${line.at.toISOString()} ${line.stream} ${line.message}`),
    },
  ];
}

function unreadFindings(evidence: DiagnoseEvidence): Finding[] {
  return evidence.unread.map((unread) => ({
    severity: 'note' as const,
    title: `Could not read ${unread.what}`,
    meaning: 'This part of the diagnosis is missing: what it would have shown is unknown.',
    next: 'Fix what the message says, then run `Convox: Diagnose Rack` again.',
    evidence: [unread.message],
  }));
}

/** Everything found, problems first, each with what it means, what to do and what AWS said. */
export function diagnose(evidence: DiagnoseEvidence): Diagnosis {
  const problems = [
    ...stackFindings(evidence),
    ...autoScalingFindings(evidence),
    ...clusterFindings(evidence),
    ...evidence.services.flatMap((service) => serviceFindings(evidence, service)),
    ...monitorFindings(evidence),
    ...unreadFindings(evidence),
  ];
  const findings = [
    ...problems.filter((finding) => finding.severity === 'problem'),
    ...problems.filter((finding) => finding.severity === 'note'),
  ];
  const checked = [
    `CloudFormation stack ${evidence.stackName}: ${evidence.stackStatus}, ${evidence.stackEvents.length} recent events`,
    evidence.groupName
      ? `Auto Scaling group ${evidence.groupName}: ${evidence.instances.length} servers, ${evidence.activities.length} recent activities`
      : 'Auto Scaling: no Instances group found',
    evidence.clusterName
      ? `ECS cluster ${evidence.clusterName}: ${evidence.servers.length} registered servers`
      : 'ECS: no cluster found',
    `the rack's ECS services: ${evidence.services.map((service) => `${service.name} ${service.running}/${service.desired}`).join(', ') || 'none found'}`,
    evidence.logGroup
      ? `the monitor's lines in ${evidence.logGroup}: ${evidence.monitorLines.length}`
      : 'the monitor: the rack has no CloudWatch log group',
  ];
  return { title: `Why is ${evidence.displayName} ${evidence.rackStatus}?`, findings, checked };
}

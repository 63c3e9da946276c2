import type { DiagnoseEvidence } from '../../../src/model/diagnose/evidence';
import { diagnose, type Finding } from '../../../src/model/diagnose/rules';
import { stackType, type StackEvent } from '../../../src/model/stackEvents';

/** The diagnosis tests' clock: evidence is read at this instant. */
export const readAt = new Date('2025-06-01T12:00:00Z');
export const ago = (minutes: number): Date => new Date(readAt.getTime() - minutes * 60_000);

/** A healthy rack's evidence: two joined servers, a steady web service; `changes` replace whole fields. */
export function evidence(changes: Partial<DiagnoseEvidence> = {}): DiagnoseEvidence {
  return {
    stackName: 'production',
    displayName: 'acme/production',
    region: 'us-east-1',
    stackId: 'arn:aws:cloudformation:us-east-1:1:stack/production/x',
    rackStatus: 'running',
    stackStatus: 'UPDATE_COMPLETE',
    stackEvents: [],
    groupName: 'production-Instances-X',
    instances: [
      { id: 'i-1', lifecycleState: 'InService', healthStatus: 'Healthy', launchedAt: ago(600) },
      { id: 'i-2', lifecycleState: 'InService', healthStatus: 'Healthy', launchedAt: ago(600) },
    ],
    activities: [],
    clusterName: 'production-Cluster-X',
    servers: [
      { ec2InstanceId: 'i-1', status: 'ACTIVE', agentConnected: true, runningTasks: 2 },
      { ec2InstanceId: 'i-2', status: 'ACTIVE', agentConnected: true, runningTasks: 1 },
    ],
    services: [
      {
        name: 'production-ServiceWebApi-X',
        desired: 2,
        running: 2,
        pending: 0,
        events: [{ at: ago(60), message: '(service production-ServiceWebApi-X) has reached a steady state.' }],
      },
    ],
    logGroup: 'production-LogGroup-X',
    monitorLines: [],
    unread: [],
    calls: 10,
    readAt,
    ...changes,
  };
}

/** The titles of the problems found (notes left out). */
export const titles = (found: DiagnoseEvidence): string[] =>
  diagnose(found)
    .findings.filter((finding) => finding.severity === 'problem')
    .map((finding) => finding.title);

/** The finding with this title; fails when there is none. */
export function findingTitled(found: DiagnoseEvidence, title: string): Finding {
  const findings = diagnose(found).findings;
  const finding = findings.find((candidate) => candidate.title === title);
  if (!finding) throw new Error(`no finding “${title}” among: ${findings.map((each) => each.title).join('; ')}`);
  return finding;
}

export const stackEvent = (
  at: Date,
  logicalId: string,
  status: string,
  reason?: string,
  resourceType = 'AWS::AutoScaling::AutoScalingGroup',
): StackEvent => ({ id: `${logicalId}-${status}-${at.getTime()}`, at, logicalId, resourceType, status, reason });

/** An event of the rack's stack itself. */
export const rackEvent = (at: Date, status: string, reason?: string): StackEvent =>
  stackEvent(at, 'production', status, reason, stackType);

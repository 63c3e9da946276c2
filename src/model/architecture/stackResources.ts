import { resourceStatus } from './componentStatus';
import type { StackResource } from './data';
import type { ComponentParts } from './component';
import type { DetailRow } from './sceneTypes';

/** The stack's resources by logical id, without those already deleted: the rack lacks them. */
export function presentResources(resources: readonly StackResource[]): Map<string, StackResource> {
  const present = new Map<string, StackResource>();
  for (const resource of resources)
    if (resource.status !== 'DELETE_COMPLETE') present.set(resource.logicalId, resource);
  return present;
}

/** The details pane's rows for a stack resource: its ids, type, CloudFormation status and reason. */
export function resourceDetails(resource: StackResource): DetailRow[] {
  const rows: DetailRow[] = [{ label: 'Logical ID', value: resource.logicalId }];
  if (resource.physicalId !== undefined) rows.push({ label: 'Physical ID', value: resource.physicalId });
  rows.push({ label: 'Type', value: resource.type }, { label: 'CloudFormation status', value: resource.status });
  if (resource.statusReason) rows.push({ label: 'Reason', value: resource.statusReason });
  return rows;
}

/** What every component made by the stack has: its component id, logical and physical ids, and CloudFormation status. */
export function resourceParts(resource: StackResource): Pick<ComponentParts, 'id' | 'logicalId' | 'awsId' | 'status'> {
  const parts: Pick<ComponentParts, 'id' | 'logicalId' | 'awsId' | 'status'> = {
    id: resourceComponentId(resource.logicalId),
    logicalId: resource.logicalId,
    status: resourceStatus(resource.status),
  };
  if (resource.physicalId !== undefined) parts.awsId = resource.physicalId;
  return parts;
}

function resourceComponentId(logicalId: string): string {
  return `resource/${logicalId}`;
}

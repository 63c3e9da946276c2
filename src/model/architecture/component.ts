import { accessibleName } from './accessibleName';
import type { SceneComponent } from './sceneTypes';

export type ComponentParts = Omit<SceneComponent, 'accessibleName'>;

/**
 * A component with its accessible name. Fields left undefined are left out, so two scenes of the same rack
 * compare equal field by field and serialise alike.
 */
export function sceneComponent(parts: ComponentParts): SceneComponent {
  const component: SceneComponent = {
    id: parts.id,
    kind: parts.kind,
    noun: parts.noun,
    label: parts.label,
    facts: parts.facts,
    accessibleName: accessibleName(parts),
    details: parts.details,
  };
  if (parts.parent !== undefined) component.parent = parts.parent;
  if (parts.variant !== undefined) component.variant = parts.variant;
  if (parts.awsId !== undefined) component.awsId = parts.awsId;
  if (parts.awsName !== undefined) component.awsName = parts.awsName;
  if (parts.summary !== undefined) component.summary = parts.summary;
  if (parts.meters !== undefined) component.meters = parts.meters;
  if (parts.logicalId !== undefined) component.logicalId = parts.logicalId;
  if (parts.status !== undefined) component.status = parts.status;
  if (parts.consoleUrl !== undefined) component.consoleUrl = parts.consoleUrl;
  return component;
}

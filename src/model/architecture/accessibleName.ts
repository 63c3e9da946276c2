import type { SceneComponent } from './sceneTypes';

export type NamedParts = Pick<SceneComponent, 'kind' | 'noun' | 'label' | 'variant' | 'status' | 'facts'>;

/**
 * What a screen reader says for a component: what it is, its name, whether a balancer is public or internal,
 * its status, then its facts, e.g. `server i-0abc123 active, 4 tasks, us-east-1a`. The webview reads it from the
 * scene rather than composing its own, so what is heard is what the tests check.
 */
export function accessibleName(parts: NamedParts): string {
  const qualifier = parts.kind === 'loadBalancer' && parts.variant !== undefined ? ` (${parts.variant})` : '';
  const head = [parts.noun, parts.label].filter((word) => word !== '').join(' ') + qualifier;
  const withStatus = parts.status ? `${head} ${parts.status.text}` : head;
  return [withStatus, ...parts.facts].join(', ');
}

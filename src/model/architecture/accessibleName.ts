import type { SceneComponent } from './sceneTypes';
import { wholePercent } from './words';

export type NamedParts = Pick<
  SceneComponent,
  'kind' | 'noun' | 'label' | 'variant' | 'awsName' | 'status' | 'facts' | 'meters'
>;

/**
 * What a screen reader says for a component, and its tooltip shows: what it is, its name, whether a balancer is
 * public or internal, the name AWS knows it by when the label is another, its status, its facts and meters, e.g.
 * `spot server i-0abc123 running, 4 tasks, us-east-1a, CPU 25%, memory 50%` or `rack service web, ID
 * production-ServiceWebApi-W1, running, 1 task`. The webview reads it from the scene rather than composing its
 * own, so what is heard is what the tests check.
 */
export function accessibleName(parts: NamedParts): string {
  const qualifier = parts.kind === 'loadBalancer' && parts.variant !== undefined ? ` (${parts.variant})` : '';
  const head = [parts.noun, parts.label].filter((word) => word !== '').join(' ') + qualifier;
  const status = parts.status?.text;
  const said =
    parts.awsName !== undefined
      ? [head, `ID ${parts.awsName}`, ...(status !== undefined ? [status] : [])]
      : [status !== undefined ? `${head} ${status}` : head];
  const meters = (parts.meters ?? []).map((meter) => `${meter.label} ${wholePercent(meter.share)}`);
  return [...said, ...parts.facts, ...meters].join(', ');
}

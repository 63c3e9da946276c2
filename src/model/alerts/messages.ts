import type { Diagnosis } from '../diagnose/rules';
import type { Alert, AlertKind, Attention, Resolution } from './episodes';

/** What each kind of trouble is called in a notification and a tooltip. */
export const kindWords: Record<AlertKind, string> = {
  'rolling-back': 'is rolling back',
  'rolled-back': 'rolled back its last update',
  failed: 'failed',
  'too-long': 'has been updating or converging too long',
  server: 'has a server stuck in a lifecycle hook',
  gone: 'is gone: its stack no longer exists',
};

/**
 * Diagnose's root cause in one line: its first problem, with the AWS words it rests on beyond the stack's own
 * status line. Undefined when Diagnose found no problem.
 */
export function rootCauseLine(diagnosis: Diagnosis): string | undefined {
  const problem = diagnosis.findings.find((finding) => finding.severity === 'problem');
  if (!problem) return undefined;
  const cause = problem.evidence.length > 1 ? problem.evidence[problem.evidence.length - 1] : undefined;
  return cause ? `${problem.title}: ${cause}` : problem.title;
}

/** An alert as it is told: what happened to which rack, and why (Diagnose's cause, else CloudFormation's words). */
export function alertLine(alert: Alert, cause: string | undefined): string {
  const why = cause ?? alert.detail;
  return `${alert.displayName} ${kindWords[alert.kind]}${why ? `. ${why}` : '.'}`;
}

/** One notification for the alerts of one poll: a single rack's line, or how many racks with each one's line. */
export function alertsMessage(alerts: readonly Alert[], causes: ReadonlyMap<string, string | undefined>): string {
  const lines = alerts.map((alert) => alertLine(alert, causes.get(alert.stackId)));
  if (lines.length === 1) return `Convox: ${lines[0]}`;
  return `Convox: ${alerts.length} racks need attention. ${lines.join(' · ')}`;
}

export function resolvedMessage(resolved: readonly Resolution[]): string {
  const names = resolved.map((resolution) => resolution.displayName);
  return resolved.length === 1
    ? `Convox: ${names[0]} is running again.`
    : `Convox: ${names.join(', ')} are running again.`;
}

/** Since when, for a row's tooltip: `Rolled back its last update since 2026-12-01 10:00 UTC`. */
export function attentionLine(attention: Attention): string {
  const words = kindWords[attention.kind];
  const since = new Date(attention.since).toISOString().slice(0, 16).replace('T', ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (since ${since} UTC)`;
}

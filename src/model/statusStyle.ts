import type { RackStatus } from './rack';

/** How a status is drawn, wherever it is drawn: codicon id, theme colour id, words, and how much it needs looking at. */
export interface StatusStyle {
  /** A codicon id (`~spin` animates it). */
  icon: string;
  /** A VS Code theme colour id; none means the default foreground. */
  color?: string;
  /** What a screen reader says, and a legend shows. */
  label: string;
  /** Higher needs attention sooner: failed above rolling back above in progress above healthy. */
  severity: number;
}

const styles: Record<RackStatus, StatusStyle> = {
  running: { icon: 'pass-filled', color: 'testing.iconPassed', label: 'running', severity: 0 },
  new: { icon: 'circle-large-outline', label: 'new', severity: 1 },
  deleting: { icon: 'trash', color: 'disabledForeground', label: 'deleting', severity: 1 },
  converging: { icon: 'sync~spin', color: 'charts.yellow', label: 'converging: servers are rolling', severity: 2 },
  creating: { icon: 'sync~spin', color: 'charts.yellow', label: 'creating', severity: 2 },
  updating: { icon: 'sync~spin', color: 'charts.yellow', label: 'updating', severity: 2 },
  rollback: { icon: 'history', color: 'charts.orange', label: 'rolling back', severity: 3 },
  unknown: { icon: 'question', color: 'errorForeground', label: 'unknown state', severity: 4 },
  failed: { icon: 'error', color: 'errorForeground', label: 'failed', severity: 5 },
};

export function statusStyle(status: RackStatus): StatusStyle {
  return styles[status];
}

/** The status among `statuses` that needs attention most, undefined for none. */
export function worstStatus(statuses: Iterable<RackStatus>): RackStatus | undefined {
  let worst: RackStatus | undefined;
  for (const status of statuses)
    if (worst === undefined || styles[status].severity > styles[worst].severity) worst = status;
  return worst;
}

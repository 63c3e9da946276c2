/**
 * The states the diagram tells apart, each drawn three ways at once: its own codicon (a different shape for
 * each, so it reads without colour), a theme colour, and its word. The legend lists them in this order.
 */
export type StatusState =
  'running' | 'pending' | 'updating' | 'draining' | 'stopping' | 'stopped' | 'rollingBack' | 'failed' | 'unknown';

export interface StateStyle {
  /** What the diagram writes and a screen reader says. */
  word: string;
  /** A codicon id; no two states share one. */
  icon: string;
  /** A VS Code theme colour id, defined by light, dark and high-contrast themes alike. */
  color: string;
  /** What the legend says it means. */
  meaning: string;
  /** Higher needs attention sooner. */
  severity: number;
}

export const stateStyles: Readonly<Record<StatusState, StateStyle>> = {
  running: { word: 'running', icon: 'pass-filled', color: 'testing.iconPassed', meaning: 'in service', severity: 0 },
  pending: {
    word: 'pending',
    icon: 'clockface',
    color: 'charts.yellow',
    meaning: 'being created or starting',
    severity: 2,
  },
  updating: { word: 'updating', icon: 'sync', color: 'charts.blue', meaning: 'being changed', severity: 2 },
  draining: {
    word: 'draining',
    icon: 'arrow-circle-down',
    color: 'charts.orange',
    meaning: 'taken out of service, its tasks moving elsewhere',
    severity: 2,
  },
  stopping: {
    word: 'stopping',
    icon: 'debug-stop',
    color: 'charts.orange',
    meaning: 'being stopped or deleted',
    severity: 2,
  },
  stopped: {
    word: 'stopped',
    icon: 'circle-slash',
    color: 'disabledForeground',
    meaning: 'no longer running',
    severity: 1,
  },
  rollingBack: {
    word: 'rolling back',
    icon: 'discard',
    color: 'charts.orange',
    meaning: 'an update being undone',
    severity: 3,
  },
  failed: { word: 'failed', icon: 'error', color: 'errorForeground', meaning: 'needs attention', severity: 5 },
  unknown: {
    word: 'unknown',
    icon: 'question',
    color: 'charts.purple',
    meaning: 'AWS gave a status this view does not know',
    severity: 4,
  },
};

/** Every state, in the legend's order (the table's): healthy, on the way in, on the way out, trouble. */
export const statusStates = Object.keys(stateStyles) as StatusState[];

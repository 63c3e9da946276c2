import type { Layout } from './layout';
import type { LayoutUpdate } from './update';

/** Which rack a panel shows: all it keeps to find the rack again after a reload. */
export interface RackIdentity {
  fullName: string;
  stackId: string;
}

/** How the webview shows the diagram: zoom, pan (in screen pixels), the selected component, the legend. */
export interface ViewState {
  zoom: number;
  panX: number;
  panY: number;
  selected?: string;
  /** False once the person hid the legend; shown when absent. */
  legend?: boolean;
}

/** The whole picture, sent when the panel opens, when it asks again (`ready`), and after a failure is over. */
export interface SceneMessage {
  type: 'scene';
  layout: Layout;
  /** ISO time the data was read. */
  updatedAt: string;
  rack: RackIdentity;
}

/** What changed since the last picture sent. */
export interface UpdateMessage {
  type: 'update';
  update: LayoutUpdate;
  updatedAt: string;
}

/** The rack was read again and nothing drawn changed: only the picture's age starts again. */
export interface UnchangedMessage {
  type: 'unchanged';
  updatedAt: string;
}

/** Reading the rack failed: the last picture stays, dimmed, with this reason and Retry. */
export interface FailedMessage {
  type: 'failed';
  message: string;
  /** ISO time of the failure. */
  at: string;
}

export type ExtensionMessage = SceneMessage | UpdateMessage | UnchangedMessage | FailedMessage;

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'retry' }
  | { type: 'select'; id: string }
  | { type: 'openConsole'; id: string }
  | { type: 'revealInTree'; id: string }
  | { type: 'showLogs'; id: string }
  | { type: 'diagnose' }
  | { type: 'copy'; text: string }
  | { type: 'exportSvg'; svg: string }
  | ({ type: 'viewState' } & ViewState);

/** Component ids are built from ARNs and names AWS caps well below this. */
export const maxIdLength = 1_024;
/** Enough for any id, name, host or details row the diagram shows. */
export const maxCopyLength = 64 * 1_024;
/** A drawing of the largest rack the layout is meant for (60 servers, 600 containers) is a few megabytes. */
export const maxSvgLength = 32 * 1_024 * 1_024;
export const zoomRange = { min: 0.05, max: 20 } as const;
/** Far beyond any diagram, so a pan outside it is a broken message. */
export const maxPan = 10_000_000;

type Fields = Record<string, unknown>;

/** A plain object whose own keys are exactly the `required` ones plus any of the `optional` ones. */
function shaped(raw: unknown, required: readonly string[], optional: readonly string[] = []): raw is Fields {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const prototype: unknown = Object.getPrototypeOf(raw);
  if (prototype !== Object.prototype && prototype !== null) return false;
  const keys = Object.keys(raw);
  return (
    required.every((key) => keys.includes(key)) && keys.every((key) => required.includes(key) || optional.includes(key))
  );
}

function text(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= maxLength;
}

function within(value: unknown, low: number, high: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= low && value <= high;
}

function idMessage(
  raw: Fields,
  type: 'select' | 'openConsole' | 'revealInTree' | 'showLogs',
): WebviewMessage | undefined {
  return shaped(raw, ['type', 'id']) && text(raw.id, maxIdLength) ? { type, id: raw.id } : undefined;
}

function viewState(raw: Fields): WebviewMessage | undefined {
  if (!shaped(raw, ['type', 'zoom', 'panX', 'panY'], ['selected', 'legend'])) return undefined;
  const { zoom, panX, panY, selected, legend } = raw;
  if (!within(zoom, zoomRange.min, zoomRange.max) || !within(panX, -maxPan, maxPan) || !within(panY, -maxPan, maxPan))
    return undefined;
  if (selected !== undefined && !text(selected, maxIdLength)) return undefined;
  if (legend !== undefined && typeof legend !== 'boolean') return undefined;
  const message: WebviewMessage = { type: 'viewState', zoom, panX, panY };
  if (selected !== undefined) message.selected = selected;
  if (legend !== undefined) message.legend = legend;
  return message;
}

/**
 * A message from the webview, rebuilt field by field, or undefined unless it is exactly one of the shapes
 * above: a known type, every field of the right type and length, nothing else.
 */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (!shaped(raw, ['type'], ['id', 'text', 'svg', 'zoom', 'panX', 'panY', 'selected', 'legend'])) return undefined;
  switch (raw.type) {
    case 'ready':
    case 'retry':
    case 'diagnose':
      return shaped(raw, ['type']) ? { type: raw.type } : undefined;
    case 'select':
    case 'openConsole':
    case 'revealInTree':
    case 'showLogs':
      return idMessage(raw, raw.type);
    case 'copy':
      return shaped(raw, ['type', 'text']) && text(raw.text, maxCopyLength)
        ? { type: 'copy', text: raw.text }
        : undefined;
    case 'exportSvg':
      return shaped(raw, ['type', 'svg']) && text(raw.svg, maxSvgLength)
        ? { type: 'exportSvg', svg: raw.svg }
        : undefined;
    case 'viewState':
      return viewState(raw);
    default:
      return undefined;
  }
}

import type { Box } from './geometry';
import type { ComponentKind, SceneComponent } from './sceneTypes';
import { shortenMiddle, textWidth, wrapText, type FontKind } from './textMetrics';
import { wholePercent } from './words';

/** How a text is drawn: a name in the bold font, other text in the regular one, plain or dimmer. */
export type TextTone = 'title' | 'normal' | 'muted';

/** Positions are from the component's top left corner, in diagram units; `y` is a text's baseline. */
export interface FaceText {
  kind: 'text';
  x: number;
  y: number;
  text: string;
  tone: TextTone;
  /** Drawn ending at x rather than starting there. */
  alignEnd?: true;
}

/** A codicon: the component's kind, or a status in its theme colour. */
export interface FaceIcon {
  kind: 'icon';
  x: number;
  y: number;
  icon: string;
  /** A theme colour id; none for the kind's icon, drawn in the icon colour. */
  color?: string;
  size: 'kind' | 'status';
  centred?: true;
}

/** A small bar filled to a share (0–1) of its width: a server's CPU or memory in use. */
export interface FaceMeter {
  kind: 'meter';
  x: number;
  /** Its top. */
  y: number;
  width: number;
  share: number;
}

export type FacePart = FaceText | FaceIcon | FaceMeter;

/** What is drawn on a component, above its children: the texts already in lines that fit, icons and bars. */
export interface Face {
  parts: FacePart[];
  /** How tall the drawn part is; a component's children start below it. */
  height: number;
}

/** The codicon drawn beside each kind of component's name. */
const kindIcons: Readonly<Record<ComponentKind, string>> = {
  internet: 'globe',
  client: 'person',
  loadBalancer: 'type-hierarchy',
  vpc: 'cloud',
  zone: 'location',
  subnet: 'symbol-namespace',
  natGateway: 'arrow-swap',
  server: 'server',
  serviceGroup: 'package',
  container: 'circle-filled',
  cluster: 'layers',
  rackService: 'gear',
  bucket: 'archive',
  table: 'table',
  fileSystem: 'file-submodule',
  function: 'symbol-method',
  logGroup: 'output',
  stack: 'layers-active',
};

export const fontOf: Readonly<Record<TextTone, FontKind>> = { title: 'title', normal: 'text', muted: 'text' };

const padTop = 6;
const padBottom = 6;
const padRight = 8;
const kindIconX = 8;
const textX = 30;
/** A line's height and its baseline below the line's top, per font. */
const lines: Readonly<Record<FontKind, { height: number; baseline: number }>> = {
  title: { height: 18, baseline: 13 },
  text: { height: 16, baseline: 12 },
};
const statusIconWidth = 16;
const statusGap = 4;
const separator = ' · ';
const meterLabelWidth = 56;
const meterWidth = 100;
const meterHeight = 7;

/** Words stand for themselves; a name without spaces (an id, a host) is shortened in the middle instead. */
function titleLines(label: string, room: number): string[] {
  return /\s/.test(label.trim()) ? wrapText(label, room, 'title') : [shortenMiddle(label, room, 'title')];
}

/** Facts on as few lines as fit, whole facts joined with ` · `; only a fact too long for a line is wrapped. */
export function factLines(facts: readonly string[], room: number): string[] {
  const result: string[] = [];
  let line = '';
  for (const fact of facts) {
    if (fact === '') continue;
    const joined = line === '' ? fact : `${line}${separator}${fact}`;
    if (textWidth(joined, 'text') <= room) {
      line = joined;
      continue;
    }
    if (line !== '') result.push(line);
    const wrapped = wrapText(fact, room, 'text');
    line = wrapped.pop() ?? '';
    result.push(...wrapped);
  }
  if (line !== '') result.push(line);
  return result;
}

/** Collects parts line by line from the top. */
class FaceWriter {
  readonly parts: FacePart[] = [];
  y = padTop;

  text(text: string, x: number, tone: TextTone): void {
    this.parts.push({ kind: 'text', x, y: this.y + lines[fontOf[tone]].baseline, text, tone });
  }

  /** One line of text, then down by its height. */
  line(text: string, tone: TextTone): void {
    this.text(text, textX, tone);
    this.y += lines[fontOf[tone]].height;
  }

  face(): Face {
    return { parts: this.parts, height: this.y + padBottom };
  }
}

/**
 * The facts drawn: its summary if it has one; a balancer's first says whether it is public or internal, as its
 * accessible name does.
 */
function drawnFacts(component: SceneComponent): readonly string[] {
  const facts = component.summary ?? component.facts;
  return component.kind === 'loadBalancer' && component.variant !== undefined ? [component.variant, ...facts] : facts;
}

/**
 * A component's face at a width: its kind's icon; its kind in words (`spot server`), with its status (icon and
 * word) at the right; its name; its facts; its meters. Every text fits the width: a long name without spaces is
 * shortened in the middle, everything else is wrapped.
 */
export function cardFace(component: SceneComponent, width: number): Face {
  const room = Math.max(1, width - textX - padRight);
  const writer = new FaceWriter();
  writer.parts.push({ kind: 'icon', x: kindIconX, y: padTop + 14, icon: kindIcons[component.kind], size: 'kind' });
  const { status } = component;
  const statusWidth = status ? textWidth(status.text, 'text') + statusGap + statusIconWidth : 0;
  const named = component.label !== '';
  const captionLines = named ? wrapText(component.noun, Math.max(1, room - statusWidth - statusGap), 'text') : [];
  if (status) {
    const baseline = writer.y + lines.text.baseline;
    const iconX = width - padRight - statusIconWidth;
    writer.parts.push({
      kind: 'icon',
      x: iconX,
      y: baseline + 1,
      icon: status.icon,
      color: status.color,
      size: 'status',
    });
    writer.parts.push({
      kind: 'text',
      x: iconX - statusGap,
      y: baseline,
      text: status.text,
      tone: 'normal',
      alignEnd: true,
    });
  }
  if (captionLines.length === 0 && status) writer.y += lines.text.height;
  for (const text of captionLines) writer.line(text, 'muted');
  for (const text of titleLines(named ? component.label : component.noun, room)) writer.line(text, 'title');
  for (const text of factLines(drawnFacts(component), room)) writer.line(text, 'muted');
  for (const meter of component.meters ?? []) {
    const percent = wholePercent(meter.share);
    writer.text(meter.label, textX, 'muted');
    const barWidth = Math.max(8, Math.min(meterWidth, room - meterLabelWidth - textWidth('100%', 'text') - statusGap));
    writer.parts.push({
      kind: 'meter',
      x: textX + meterLabelWidth,
      y: writer.y + lines.text.baseline - meterHeight,
      width: barWidth,
      share: Math.min(1, Math.max(0, meter.share)),
    });
    writer.text(percent, textX + meterLabelWidth + barWidth + statusGap, 'normal');
    writer.y += lines.text.height;
  }
  return writer.face();
}

/** A task's square: its status's icon, centred. */
export const tileSize = 18;
const tileGap = 3;
/** A group's rows: its name, its tasks' squares and their tally share them where they fit. */
const rowHeight = 22;
const rowBaseline = 15;
const groupPad = 6;

/** One face per status: a rack's hundreds of tasks share a few, which also makes comparing layouts quick. */
const tileFaces = new Map<string, Face>();

export function tileFace(component: SceneComponent): Face {
  const { status } = component;
  const key = status ? `${status.icon} ${status.color}` : '';
  let face = tileFaces.get(key);
  if (!face) {
    const parts: FacePart[] = status
      ? [
          {
            kind: 'icon',
            x: tileSize / 2,
            y: tileSize / 2 + 5,
            icon: status.icon,
            color: status.color,
            size: 'status',
            centred: true,
          },
        ]
      : [];
    face = { parts, height: tileSize };
    tileFaces.set(key, face);
  }
  return face;
}

/** A group's face and where its tasks' squares go, from its top left corner. */
export interface GroupFace {
  face: Face;
  tiles: Box[];
}

/**
 * A group of one app's process on a server, `myapp web ×3`, then a square per task showing its status, then its
 * summary, how many are in each status (`2 running, 1 pending`): on one row when they fit, on more when they do not.
 */
export function groupFace(component: SceneComponent, tasks: readonly SceneComponent[], width: number): GroupFace {
  const room = Math.max(1, width - 2 * groupPad);
  const title = tasks.length > 1 ? `${component.label} ×${tasks.length}` : component.label;
  const titled = wrapText(title, room, 'title');
  const parts: FacePart[] = titled.map((text, index) => ({
    kind: 'text',
    x: groupPad,
    y: index * rowHeight + rowBaseline,
    text,
    tone: 'title',
  }));
  // The squares start on the name's last row, after it.
  let row = Math.max(0, titled.length - 1);
  let x = groupPad + (titled.length > 0 ? textWidth(titled[titled.length - 1], 'title') + 2 * statusGap : 0);
  const tiles: Box[] = [];
  for (let index = 0; index < tasks.length; index++) {
    if (x + tileSize > groupPad + room) {
      row += 1;
      x = groupPad;
    }
    tiles.push({ x, y: row * rowHeight + (rowHeight - tileSize) / 2, width: tileSize, height: tileSize });
    x += tileSize + tileGap;
  }
  const tally = (component.summary ?? []).join(separator);
  if (tally !== '') {
    const start = x + statusGap;
    if (start + textWidth(tally, 'text') <= groupPad + room) {
      parts.push({ kind: 'text', x: start, y: row * rowHeight + rowBaseline, text: tally, tone: 'muted' });
    } else {
      for (const text of wrapText(tally, room, 'text')) {
        row += 1;
        parts.push({ kind: 'text', x: groupPad, y: row * rowHeight + rowBaseline, text, tone: 'muted' });
      }
    }
  }
  return { face: { parts, height: (row + 1) * rowHeight + groupPad / 2 }, tiles };
}

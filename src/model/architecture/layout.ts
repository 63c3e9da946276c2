import { cardFace, groupFace, tileFace, type Face } from './face';
import type { Box, Point } from './geometry';
import type { Banner, ComponentKind, Scene, SceneComponent, SceneEdge } from './sceneTypes';

export type { Box, Point } from './geometry';

export interface LayoutNode {
  component: SceneComponent;
  box: Box;
  /** What is drawn on it, from its top left corner: texts in lines that fit its width, icons, bars. */
  face: Face;
}

export interface LayoutEdge extends SceneEdge {
  /** A polyline, in the direction of the request. */
  points: Point[];
  /** Ends in an arrowhead: every edge but the line a request runs down a zone's side. */
  arrow: boolean;
}

/** The scene with a box and a face for every component (a child's inside its parent's) and a route for every edge. */
export interface Layout {
  width: number;
  height: number;
  /** In the scene's order: parents before children, so drawing in order puts children on top. */
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  banner?: Banner;
}

const margin = 24;
/** Between the blocks of the top level: the callers, the balancers, the VPC and the column beside it. */
const blockGap = 24;
/** Above and below the balancers' row, where edges turn. */
const rowGap = 56;
/** Between the components stacked beside the VPC: they are many and small, so closer than the blocks. */
const sideGap = 8;
const zoneWidth = 300;
const sideWidth = 280;
const callerWidth = 240;
const balancerWidth = 260;
/** How far inside a target's side an edge may land, so it never meets a corner. */
const edgeInset = 16;
/** A zone keeps this much on its right for the line requests run down, clear of what is inside it. */
const railLane = 20;
/** A branch leaves that line level with the middle of its process's first row. */
const branchDrop = 11;

/** Room around a kind's children and between them; a zone's right side is the requests' lane. */
interface Frame {
  pad: number;
  gap: number;
  padRight?: number;
}

const frames: Partial<Record<ComponentKind, Frame>> = {
  vpc: { pad: 12, gap: 12 },
  zone: { pad: 8, gap: 8, padRight: railLane },
  subnet: { pad: 6, gap: 6 },
  server: { pad: 6, gap: 4 },
  cluster: { pad: 8, gap: 6 },
};
const noFrame: Frame = { pad: 8, gap: 6 };

function railX(zone: Box): number {
  return zone.x + zone.width - railLane / 2;
}

class Placer {
  readonly boxes = new Map<string, Box>();
  readonly faces = new Map<string, Face>();

  constructor(private readonly children: ReadonlyMap<string, SceneComponent[]>) {}

  /** Places a component and everything inside it at (x, y), `width` wide; returns its height. */
  place(component: SceneComponent, x: number, y: number, width: number): number {
    const kids = this.children.get(component.id) ?? [];
    if (component.kind === 'serviceGroup') return this.group(component, kids, x, y, width);
    const frame = frames[component.kind] ?? noFrame;
    const face = cardFace(component, this.faceWidth(component, width));
    this.faces.set(component.id, face);
    const inner = width - frame.pad - (frame.padRight ?? frame.pad);
    const height =
      kids.length === 0
        ? face.height
        : face.height + this.inside(component.kind, kids, x + frame.pad, y + face.height, inner, frame) + frame.pad;
    this.boxes.set(component.id, { x, y, width, height });
    return height;
  }

  /** The VPC's text keeps over its first zone, and a zone's clear of the lane, so that no line crosses them. */
  private faceWidth(component: SceneComponent, width: number): number {
    if (component.kind === 'zone') return width - railLane;
    if (component.kind === 'vpc') return Math.min(width, zoneWidth + (frames.vpc?.pad ?? 0) - railLane);
    return width;
  }

  /** Places a parent's children in the room inside it; returns the height they take. */
  private inside(
    kind: ComponentKind,
    kids: readonly SceneComponent[],
    x: number,
    y: number,
    width: number,
    frame: Frame,
  ): number {
    if (kind === 'vpc') return this.row(kids, x, y, frame.gap);
    let cursor = y;
    for (const kid of kids) cursor += this.place(kid, x, cursor, width) + frame.gap;
    return cursor - frame.gap - y;
  }

  /** Zones side by side, as tall as their contents. */
  private row(kids: readonly SceneComponent[], x: number, y: number, gap: number): number {
    let tallest = 0;
    kids.forEach((kid, index) => {
      tallest = Math.max(tallest, this.place(kid, x + index * (zoneWidth + gap), y, zoneWidth));
    });
    return tallest;
  }

  /** A process group: its name, its tasks as squares, their tally; the squares are its children. */
  private group(
    component: SceneComponent,
    tasks: readonly SceneComponent[],
    x: number,
    y: number,
    width: number,
  ): number {
    const { face, tiles } = groupFace(component, tasks, width);
    this.faces.set(component.id, face);
    this.boxes.set(component.id, { x, y, width, height: face.height });
    tasks.forEach((task, index) => {
      const tile = tiles[index];
      this.boxes.set(task.id, { x: x + tile.x, y: y + tile.y, width: tile.width, height: tile.height });
      this.faces.set(task.id, tileFace(task));
    });
    return face.height;
  }
}

function vpcWidth(zones: number): number {
  const { pad, gap } = frames.vpc ?? noFrame;
  return zones === 0 ? zoneWidth : 2 * pad + zones * zoneWidth + (zones - 1) * gap;
}

/** Lays components side by side from x, each `width` wide; returns the tallest's height. */
function placeRow(placer: Placer, row: readonly SceneComponent[], width: number, x: number, y: number): number {
  let tallest = 0;
  row.forEach((component, index) => {
    tallest = Math.max(tallest, placer.place(component, x + index * (width + blockGap), y, width));
  });
  return tallest;
}

/** Of a row of at least one: an empty row is not placed, so its width does not matter. */
function rowWidth(count: number, width: number): number {
  return count * width + (count - 1) * blockGap;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/** Down from the source's bottom; straight when the target is below, else across halfway down. */
function route(from: Box, to: Box): Point[] {
  const start = { x: from.x + Math.round(from.width / 2), y: from.y + from.height };
  const end = { x: clamp(start.x, to.x + edgeInset, to.x + to.width - edgeInset), y: to.y };
  if (start.x === end.x) return [start, end];
  const turn = Math.round((start.y + end.y) / 2);
  return [start, { x: start.x, y: turn }, { x: end.x, y: turn }, end];
}

/** The components of the scene by kind and by parent. */
interface Sorted {
  children: Map<string, SceneComponent[]>;
  kinds: Map<string, ComponentKind>;
  callers: SceneComponent[];
  balancers: SceneComponent[];
  side: SceneComponent[];
  vpc?: SceneComponent;
}

function sortScene(scene: Scene): Sorted {
  const sorted: Sorted = { children: new Map(), kinds: new Map(), callers: [], balancers: [], side: [] };
  for (const component of scene.components) {
    sorted.kinds.set(component.id, component.kind);
    if (component.parent !== undefined) {
      const siblings = sorted.children.get(component.parent);
      if (siblings) siblings.push(component);
      else sorted.children.set(component.parent, [component]);
    } else if (component.kind === 'internet' || component.kind === 'client') sorted.callers.push(component);
    else if (component.kind === 'loadBalancer') sorted.balancers.push(component);
    else if (component.kind === 'vpc') sorted.vpc = component;
    else sorted.side.push(component);
  }
  return sorted;
}

function isBranch(edge: SceneEdge, kinds: ReadonlyMap<string, ComponentKind>): boolean {
  return kinds.get(edge.from) === 'zone' && kinds.get(edge.to) === 'serviceGroup';
}

function isTrunk(edge: SceneEdge, kinds: ReadonlyMap<string, ComponentKind>): boolean {
  return kinds.get(edge.from) === 'loadBalancer' && kinds.get(edge.to) === 'zone';
}

/** Field by field rather than spread: a rack has hundreds of edges, and literals are the quicker to make. */
function routedEdge(edge: SceneEdge, points: Point[], arrow: boolean): LayoutEdge {
  return { id: edge.id, from: edge.from, to: edge.to, points, arrow };
}

/**
 * The routes of the edges, in the scene's order. A request runs from a balancer to the zones of the processes it
 * reaches, turning at `turnY` above the VPC, then down the zone's lane as far as its last process, and branches
 * off into each; every other edge runs from its source's bottom to its target's top.
 */
function routes(
  edges: readonly SceneEdge[],
  boxes: ReadonlyMap<string, Box>,
  kinds: ReadonlyMap<string, ComponentKind>,
  turnY: number,
): LayoutEdge[] {
  const laneEnds = new Map<string, number>();
  for (const edge of edges) {
    const to = boxes.get(edge.to);
    if (to && isBranch(edge, kinds)) laneEnds.set(edge.from, Math.max(laneEnds.get(edge.from) ?? 0, to.y + branchDrop));
  }
  const routed: LayoutEdge[] = [];
  for (const edge of edges) {
    const from = boxes.get(edge.from);
    const to = boxes.get(edge.to);
    if (!from || !to) continue;
    if (isBranch(edge, kinds)) {
      const y = to.y + branchDrop;
      routed.push(
        routedEdge(
          edge,
          [
            { x: railX(from), y },
            { x: to.x + to.width, y },
          ],
          true,
        ),
      );
    } else if (isTrunk(edge, kinds)) {
      const start = { x: from.x + Math.round(from.width / 2), y: from.y + from.height };
      const lane = railX(to);
      const end = { x: lane, y: laneEnds.get(edge.to) ?? to.y };
      const points = start.x === lane ? [start, end] : [start, { x: start.x, y: turnY }, { x: lane, y: turnY }, end];
      routed.push(routedEdge(edge, points, false));
    } else {
      routed.push(routedEdge(edge, route(from, to), true));
    }
  }
  return routed;
}

/**
 * Where everything is drawn: the callers in a row on top, the load balancers in a row under them, and under
 * those the VPC (zones as columns; in each its subnets, then its servers one under another, each with its
 * processes and their tasks) with the rest of the rack in a column to its right. Each component is as tall as its
 * face and children need, at 100% every text in its box. The same scene always gives the same layout; siblings
 * never overlap.
 */
export function layoutOf(scene: Scene): Layout {
  const { children, kinds, callers, balancers, side, vpc } = sortScene(scene);
  const placer = new Placer(children);
  const networkWidth = vpc ? vpcWidth(children.get(vpc.id)?.length ?? 0) : 0;
  const sideX = margin + (vpc ? networkWidth + blockGap : 0);
  // The rows above are centred over the VPC, so balancers sit over it and their edges run straight down.
  const centreWidth = vpc ? networkWidth : sideWidth;
  const centred = (width: number): number => margin + Math.max(0, Math.floor((centreWidth - width) / 2));

  let y = margin;
  y += placeRow(placer, callers, callerWidth, centred(rowWidth(callers.length, callerWidth)), y) + rowGap;
  if (balancers.length > 0)
    y += placeRow(placer, balancers, balancerWidth, centred(rowWidth(balancers.length, balancerWidth)), y) + rowGap;
  let bottom = y;
  if (vpc) bottom = y + placer.place(vpc, margin, y, networkWidth);
  let sideY = y;
  for (const component of side) sideY += placer.place(component, sideX, sideY, sideWidth) + sideGap;
  // With nothing beside, this is above y, so the VPC (or y) stays the bottom.
  bottom = Math.max(bottom, sideY - sideGap);

  const nodes: LayoutNode[] = [];
  let right = 0;
  for (const component of scene.components) {
    const box = placer.boxes.get(component.id);
    const face = placer.faces.get(component.id);
    if (!box || !face) continue;
    nodes.push({ component, box, face });
    right = Math.max(right, box.x + box.width);
  }
  const edges = routes(scene.edges, placer.boxes, kinds, y - Math.round(rowGap / 2));
  const layout: Layout = { width: right + margin, height: bottom + margin, nodes, edges };
  if (scene.banner) layout.banner = scene.banner;
  return layout;
}

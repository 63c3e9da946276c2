import type { Banner, ComponentKind, Scene, SceneComponent, SceneEdge } from './sceneTypes';

/** A rectangle in diagram units, from the diagram's top left corner. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface LayoutNode {
  component: SceneComponent;
  box: Box;
}

export interface LayoutEdge extends SceneEdge {
  /** A polyline from the source's bottom to the target's top. */
  points: Point[];
}

/** The scene with a box for every component (a child's inside its parent's) and a route for every edge. */
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
const rowGap = 48;
/** Between the components stacked beside the VPC: they are many and small, so closer than the blocks. */
const sideGap = 8;
const zoneWidth = 300;
const sideWidth = 260;
const callerSize = { width: 180, height: 44 };
const balancerSize = { width: 220, height: 56 };
const tile = 12;
const tileGap = 3;
/** How far inside a target's side an edge may land, so it never meets a corner. */
const edgeInset = 16;

/** How a kind is drawn: room for its own text at the top, padding around its children, and space between them. */
interface Frame {
  header: number;
  pad: number;
  gap: number;
}

const frames: Record<ComponentKind, Frame> = {
  internet: { header: callerSize.height, pad: 0, gap: 0 },
  client: { header: callerSize.height, pad: 0, gap: 0 },
  loadBalancer: { header: balancerSize.height, pad: 0, gap: 0 },
  vpc: { header: 36, pad: 12, gap: 12 },
  zone: { header: 44, pad: 8, gap: 8 },
  subnet: { header: 40, pad: 6, gap: 6 },
  natGateway: { header: 36, pad: 0, gap: 0 },
  server: { header: 44, pad: 6, gap: 6 },
  serviceGroup: { header: 20, pad: 4, gap: tileGap },
  container: { header: tile, pad: 0, gap: 0 },
  cluster: { header: 48, pad: 8, gap: 6 },
  rackService: { header: 36, pad: 0, gap: 0 },
  bucket: { header: 44, pad: 0, gap: 0 },
  table: { header: 44, pad: 0, gap: 0 },
  fileSystem: { header: 44, pad: 0, gap: 0 },
  function: { header: 44, pad: 0, gap: 0 },
  logGroup: { header: 44, pad: 0, gap: 0 },
  stack: { header: 44, pad: 0, gap: 0 },
};

class Placer {
  readonly boxes = new Map<string, Box>();

  constructor(private readonly children: ReadonlyMap<string, SceneComponent[]>) {}

  /** Places a component and everything inside it at (x, y), `width` wide; returns its height. */
  place(component: SceneComponent, x: number, y: number, width: number): number {
    const frame = frames[component.kind];
    const kids = this.children.get(component.id) ?? [];
    const height =
      kids.length === 0
        ? frame.header
        : frame.header +
          this.inside(component.kind, kids, x + frame.pad, y + frame.header, width - 2 * frame.pad) +
          frame.pad;
    this.boxes.set(component.id, { x, y, width, height });
    return height;
  }

  /** Places a parent's children in the room inside it; returns the height they take. */
  private inside(kind: ComponentKind, kids: readonly SceneComponent[], x: number, y: number, width: number): number {
    if (kind === 'serviceGroup') return this.tiles(kids, x, y, width);
    if (kind === 'vpc') return this.row(kids, x, y, frames.vpc.gap);
    return this.column(kids, x, y, width, frames[kind].gap);
  }

  /** Children one under another, all as wide as the parent's inside. */
  private column(kids: readonly SceneComponent[], x: number, y: number, width: number, gap: number): number {
    let cursor = y;
    for (const kid of kids) cursor += this.place(kid, x, cursor, width) + gap;
    return cursor - gap - y;
  }

  /** Zones side by side, as tall as their contents. */
  private row(kids: readonly SceneComponent[], x: number, y: number, gap: number): number {
    let tallest = 0;
    kids.forEach((kid, index) => {
      tallest = Math.max(tallest, this.place(kid, x + index * (zoneWidth + gap), y, zoneWidth));
    });
    return tallest;
  }

  /** Containers as tiles, left to right, wrapping at the parent's inside width. */
  private tiles(kids: readonly SceneComponent[], x: number, y: number, width: number): number {
    const step = tile + tileGap;
    const perRow = Math.max(1, Math.floor((width + tileGap) / step));
    kids.forEach((kid, index) => {
      this.boxes.set(kid.id, {
        x: x + (index % perRow) * step,
        y: y + Math.floor(index / perRow) * step,
        width: tile,
        height: tile,
      });
    });
    return Math.ceil(kids.length / perRow) * step - tileGap;
  }
}

function vpcWidth(zones: number): number {
  const { pad, gap } = frames.vpc;
  return zones === 0 ? zoneWidth : 2 * pad + zones * zoneWidth + (zones - 1) * gap;
}

/** Lays fixed-size components side by side from x. */
function placeRow(placer: Placer, row: readonly SceneComponent[], size: { width: number }, x: number, y: number): void {
  row.forEach((component, index) => placer.place(component, x + index * (size.width + blockGap), y, size.width));
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

/**
 * Where everything is drawn: the callers in a row on top, the load balancers in a row under them, and under
 * those the VPC (zones as columns; in each its subnets, then its servers one under another, each with its
 * containers as tiles in groups) with the rest of the rack in a column to its right. The same scene always
 * gives the same layout; siblings never overlap.
 */
export function layoutOf(scene: Scene): Layout {
  const children = new Map<string, SceneComponent[]>();
  const callers: SceneComponent[] = [];
  const balancers: SceneComponent[] = [];
  const side: SceneComponent[] = [];
  let vpc: SceneComponent | undefined;
  for (const component of scene.components) {
    if (component.parent !== undefined) {
      const siblings = children.get(component.parent);
      if (siblings) siblings.push(component);
      else children.set(component.parent, [component]);
    } else if (component.kind === 'internet' || component.kind === 'client') callers.push(component);
    else if (component.kind === 'loadBalancer') balancers.push(component);
    else if (component.kind === 'vpc') vpc = component;
    else side.push(component);
  }

  const placer = new Placer(children);
  const networkWidth = vpc ? vpcWidth(children.get(vpc.id)?.length ?? 0) : 0;
  const sideX = margin + (vpc ? networkWidth + blockGap : 0);
  // The rows above are centred over the VPC, so balancers sit over it and their edges run straight down.
  const centreWidth = vpc ? networkWidth : sideWidth;
  const callersWidth = rowWidth(callers.length, callerSize.width);
  const balancersWidth = rowWidth(balancers.length, balancerSize.width);

  let y = margin;
  placeRow(placer, callers, callerSize, margin + Math.max(0, Math.floor((centreWidth - callersWidth) / 2)), y);
  y += callerSize.height + rowGap;
  if (balancers.length > 0) {
    placeRow(placer, balancers, balancerSize, margin + Math.max(0, Math.floor((centreWidth - balancersWidth) / 2)), y);
    y += balancerSize.height + rowGap;
  }
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
    if (!box) continue;
    nodes.push({ component, box });
    right = Math.max(right, box.x + box.width);
  }
  const edges: LayoutEdge[] = [];
  for (const edge of scene.edges) {
    const from = placer.boxes.get(edge.from);
    const to = placer.boxes.get(edge.to);
    if (from && to) edges.push({ id: edge.id, from: edge.from, to: edge.to, points: route(from, to) });
  }
  const layout: Layout = { width: right + margin, height: bottom + margin, nodes, edges };
  if (scene.banner) layout.banner = scene.banner;
  return layout;
}

import type { Box, Layout, LayoutEdge, LayoutNode } from './layout';
import type { Banner } from './sceneTypes';

/** What a component shows, apart from where. */
export type NodeContent = Omit<LayoutNode, 'box'>;

/**
 * What changed between two layouts of a rack, for the webview to patch its drawing in place. Apply in this
 * order: remove, add (in the order given: parents before children), move, change. A component whose kind or
 * parent changed is removed and added again, with everything inside it.
 */
export interface LayoutUpdate {
  /** The diagram's new size, when it changed. */
  size?: { width: number; height: number };
  removed: string[];
  added: LayoutNode[];
  /** Components that exist in both with another box. */
  moved: Array<{ id: string; box: Box }>;
  /** Components that exist in both with other content (status, label, accessible name, facts, details…) or face. */
  changed: NodeContent[];
  edges: { removed: string[]; added: LayoutEdge[]; rerouted: LayoutEdge[] };
  /** The new banner, `null` when it went away; absent when it did not change. */
  banner?: Banner | null;
}

/** Plain JSON data (what scenes are made of) compared field by field. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  // Arrays are compared as the objects they are: their own keys are their indexes.
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(right, key) && sameData(left[key], right[key]));
}

function sameBox(a: Box, b: Box): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

function nodeChanges(before: Layout, after: Layout): Pick<LayoutUpdate, 'removed' | 'added' | 'moved' | 'changed'> {
  const earlier = new Map(before.nodes.map((node) => [node.component.id, node]));
  const later = new Set(after.nodes.map((node) => node.component.id));
  const replaced = new Set<string>();
  const added: LayoutNode[] = [];
  const moved: LayoutUpdate['moved'] = [];
  const changed: NodeContent[] = [];
  for (const node of after.nodes) {
    const { component } = node;
    const old = earlier.get(component.id);
    const parentReplaced = component.parent !== undefined && replaced.has(component.parent);
    if (!old || parentReplaced || old.component.kind !== component.kind || old.component.parent !== component.parent) {
      if (old) replaced.add(component.id);
      added.push(node);
      continue;
    }
    if (!sameBox(old.box, node.box)) moved.push({ id: component.id, box: node.box });
    if (!sameData(old.component, component) || !sameData(old.face, node.face))
      changed.push({ component, face: node.face });
  }
  const removed = before.nodes.map((node) => node.component.id).filter((id) => !later.has(id) || replaced.has(id));
  return { removed, added, moved, changed };
}

function edgeChanges(before: Layout, after: Layout): LayoutUpdate['edges'] {
  const earlier = new Map(before.edges.map((edge) => [edge.id, edge]));
  const later = new Set(after.edges.map((edge) => edge.id));
  const added: LayoutEdge[] = [];
  const rerouted: LayoutEdge[] = [];
  for (const edge of after.edges) {
    const old = earlier.get(edge.id);
    if (!old) added.push(edge);
    else if (!sameData(old, edge)) rerouted.push(edge);
  }
  return { removed: before.edges.map((edge) => edge.id).filter((id) => !later.has(id)), added, rerouted };
}

export function diffLayouts(before: Layout, after: Layout): LayoutUpdate {
  const update: LayoutUpdate = { ...nodeChanges(before, after), edges: edgeChanges(before, after) };
  if (before.width !== after.width || before.height !== after.height)
    update.size = { width: after.width, height: after.height };
  if (!sameData(before.banner, after.banner)) update.banner = after.banner ?? null;
  return update;
}

/** True when applying the update would change nothing, so it need not be sent. */
export function isEmptyUpdate(update: LayoutUpdate): boolean {
  const { edges } = update;
  return (
    update.size === undefined &&
    update.banner === undefined &&
    update.removed.length + update.added.length + update.moved.length + update.changed.length === 0 &&
    edges.removed.length + edges.added.length + edges.rerouted.length === 0
  );
}

import type { FacePart } from '../../model/architecture/face';
import type { Box, Layout, LayoutEdge, LayoutNode } from '../../model/architecture/layout';
import type { SceneComponent } from '../../model/architecture/sceneTypes';
import type { LayoutUpdate } from '../../model/architecture/update';
import { svgElement, themeColor } from './dom';
import type { Glyphs } from './glyphs';

/** The elements drawn for one component. */
interface Drawn {
  node: LayoutNode;
  group: SVGGElement;
  frame: SVGRectElement;
  /** Its texts, icons and bars, drawn from its top left corner. */
  face: SVGGElement;
  /** Where the components inside it are drawn: nested as in the scene, at their own absolute boxes. */
  children: SVGGElement;
}

function points(edge: LayoutEdge): string {
  return edge.points.map((point) => `${point.x},${point.y}`).join(' ');
}

/**
 * The diagram as SVG: a `<g>` per component (a tree item named by its accessible name) inside its parent's,
 * edges as polylines beneath. A new layout replaces the drawing; an update patches it element by element.
 */
export class Drawing {
  private readonly drawn = new Map<string, Drawn>();
  private readonly edges = new Map<string, SVGPolylineElement>();
  width = 0;
  height = 0;

  constructor(
    private readonly nodesRoot: SVGGElement,
    private readonly edgesRoot: SVGGElement,
    private readonly glyphs: Glyphs,
  ) {}

  get isEmpty(): boolean {
    return this.drawn.size === 0;
  }

  component(id: string): SceneComponent | undefined {
    return this.drawn.get(id)?.node.component;
  }

  box(id: string): Box | undefined {
    return this.drawn.get(id)?.node.box;
  }

  element(id: string): SVGGElement | undefined {
    return this.drawn.get(id)?.group;
  }

  /** The id of the component an event happened in, if any. */
  idAt(target: EventTarget | null): string | undefined {
    const group = target instanceof Element ? target.closest('.component') : null;
    return group?.getAttribute('data-id') ?? undefined;
  }

  /** Every component's element in document order: parents before children, as a tree is read. */
  items(): SVGGElement[] {
    return [...this.nodesRoot.querySelectorAll<SVGGElement>('.component')];
  }

  draw(layout: Layout): void {
    this.nodesRoot.replaceChildren();
    this.edgesRoot.replaceChildren();
    this.drawn.clear();
    this.edges.clear();
    layout.nodes.forEach((node) => this.add(node));
    layout.edges.forEach((edge) => this.addEdge(edge));
    this.width = layout.width;
    this.height = layout.height;
  }

  /** Applies an update in its order (remove, add, move, change), touching only what it names. */
  apply(update: LayoutUpdate): void {
    for (const id of update.removed) this.remove(id);
    update.added.forEach((node) => this.add(node));
    for (const { id, box } of update.moved) {
      const drawn = this.drawn.get(id);
      if (!drawn) continue;
      drawn.node = { ...drawn.node, box };
      this.place(drawn);
    }
    for (const content of update.changed) {
      const drawn = this.drawn.get(content.component.id);
      if (!drawn) continue;
      drawn.node = { ...content, box: drawn.node.box };
      this.paint(drawn);
    }
    for (const id of update.edges.removed) {
      this.edges.get(id)?.remove();
      this.edges.delete(id);
    }
    update.edges.added.forEach((edge) => this.addEdge(edge));
    for (const edge of update.edges.rerouted) this.edges.get(edge.id)?.setAttribute('points', points(edge));
    if (update.size) ({ width: this.width, height: this.height } = update.size);
  }

  private remove(id: string): void {
    const drawn = this.drawn.get(id);
    if (!drawn) return;
    // Its subtree goes with its element; forget the components inside it too.
    for (const inner of drawn.group.querySelectorAll('.component'))
      this.drawn.delete(inner.getAttribute('data-id') ?? '');
    drawn.group.remove();
    this.drawn.delete(id);
  }

  private add(node: LayoutNode): void {
    const { component } = node;
    const group = svgElement('g', {
      'data-id': component.id,
      role: 'treeitem',
      tabindex: -1,
      'aria-selected': 'false',
    });
    const frame = svgElement('rect', { class: 'frame', rx: component.kind === 'container' ? 3 : 4 });
    const face = svgElement('g', { class: 'face', 'aria-hidden': 'true' });
    const children = svgElement('g', { role: 'group' });
    group.append(frame, face, children);
    const parent = component.parent === undefined ? undefined : this.drawn.get(component.parent);
    (parent?.children ?? this.nodesRoot).append(group);
    const drawn: Drawn = { node, group, frame, face, children };
    this.drawn.set(component.id, drawn);
    this.place(drawn);
    this.paint(drawn);
    parent?.group.setAttribute('aria-expanded', 'true');
  }

  /** Puts a component's frame and face at its box. */
  private place(drawn: Drawn): void {
    const { box } = drawn.node;
    for (const [name, value] of Object.entries(box)) drawn.frame.setAttribute(name, String(value));
    drawn.face.setAttribute('transform', `translate(${box.x} ${box.y})`);
  }

  /** Sets what a component shows from its node: its classes, status colour, accessible name and face. */
  private paint(drawn: Drawn): void {
    const { component, face } = drawn.node;
    const classes = ['component', `kind-${component.kind}`];
    if (component.variant) classes.push(`variant-${component.variant}`);
    if (component.status) classes.push(`severity-${component.status.severity}`);
    drawn.group.setAttribute('class', classes.join(' '));
    drawn.group.setAttribute('aria-label', component.accessibleName);
    // A CSS custom property through the CSSOM, which the page's policy allows, unlike a style attribute.
    drawn.group.style.setProperty('--status', themeColor(component.status?.color));
    drawn.face.replaceChildren(...face.parts.map((part) => this.part(part)));
  }

  /** One part of a face; every text from AWS is set as text, never as markup. */
  private part(part: FacePart): SVGElement {
    switch (part.kind) {
      case 'text': {
        const text = svgElement('text', { class: `tone-${part.tone}`, x: part.x, y: part.y });
        if (part.alignEnd) text.setAttribute('text-anchor', 'end');
        text.textContent = part.text;
        return text;
      }
      case 'icon': {
        const icon = svgElement('text', { class: `icon icon-${part.size}`, x: part.x, y: part.y });
        if (part.centred) icon.setAttribute('text-anchor', 'middle');
        if (part.color !== undefined) icon.style.setProperty('--status', themeColor(part.color));
        icon.textContent = this.glyphs.of(part.icon);
        return icon;
      }
      case 'meter': {
        const meter = svgElement('g', { class: 'meter' });
        const size = { y: part.y, height: 7, rx: 2 };
        meter.append(
          svgElement('rect', { class: 'meter-track', x: part.x, width: part.width, ...size }),
          svgElement('rect', { class: 'meter-fill', x: part.x, width: part.width * part.share, ...size }),
        );
        return meter;
      }
    }
  }

  private addEdge(edge: LayoutEdge): void {
    const line = svgElement('polyline', {
      class: 'edge',
      points: points(edge),
      'data-from': edge.from,
      'data-to': edge.to,
    });
    if (edge.arrow) line.setAttribute('marker-end', 'url(#arrow)');
    this.edgesRoot.append(line);
    this.edges.set(edge.id, line);
  }
}

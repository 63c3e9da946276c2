import type { Box, Layout, LayoutEdge, LayoutNode } from '../../model/architecture/layout';
import type { ComponentKind, SceneComponent } from '../../model/architecture/sceneTypes';
import type { LayoutUpdate } from '../../model/architecture/update';
import { svgElement, themeColor } from './dom';
import type { Glyphs } from './glyphs';

/** The codicon drawn beside each kind of component's name. */
const kindIcons: Record<ComponentKind, string> = {
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

/** Text metrics of the stylesheet's diagram font, to cut names that would overflow their box. */
const textInset = 30;
const averageCharWidth = 7.2;
const smallHeader = 24;

/** The elements drawn for one component; a container tile is its frame alone. */
interface Drawn {
  node: LayoutNode;
  group: SVGGElement;
  frame: SVGRectElement;
  texts?: { icon: SVGTextElement; title: SVGTextElement; subtitle: SVGTextElement; status: SVGCircleElement };
  /** Where the components inside it are drawn: nested as in the scene, at their own absolute boxes. */
  children?: SVGGElement;
}

function fitted(text: string, width: number): string {
  const room = Math.max(1, Math.floor(width / averageCharWidth));
  return text.length <= room ? text : `${text.slice(0, Math.max(0, room - 1))}…`;
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
      drawn.node = { component: drawn.node.component, box };
      this.render(drawn);
    }
    for (const component of update.changed) {
      const drawn = this.drawn.get(component.id);
      if (!drawn) continue;
      drawn.node = { component, box: drawn.node.box };
      this.render(drawn);
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
    const frame = svgElement('rect', { class: 'frame', rx: component.kind === 'container' ? 2 : 4 });
    group.append(frame);
    const drawn: Drawn = { node, group, frame };
    if (component.kind !== 'container') {
      const texts = {
        icon: svgElement('text', { class: 'icon', 'aria-hidden': 'true' }),
        title: svgElement('text', { class: 'title', 'aria-hidden': 'true' }),
        subtitle: svgElement('text', { class: 'subtitle', 'aria-hidden': 'true' }),
        status: svgElement('circle', { class: 'status-dot', r: 4 }),
      };
      group.append(texts.icon, texts.title, texts.subtitle, texts.status);
      drawn.texts = texts;
      drawn.children = svgElement('g', { role: 'group' });
      group.append(drawn.children);
    }
    const parent = component.parent === undefined ? undefined : this.drawn.get(component.parent)?.children;
    (parent ?? this.nodesRoot).append(group);
    this.drawn.set(component.id, drawn);
    this.render(drawn);
    if (parent) this.drawn.get(component.parent ?? '')?.group.setAttribute('aria-expanded', 'true');
  }

  /** Sets everything a component shows from its node: box, texts, status colour, accessible name. */
  private render(drawn: Drawn): void {
    const { component, box } = drawn.node;
    const { group, frame, texts } = drawn;
    const classes = ['component', `kind-${component.kind}`];
    if (component.variant) classes.push(`variant-${component.variant}`);
    if (component.status) classes.push(`severity-${Math.min(component.status.severity, 5)}`);
    group.setAttribute('class', classes.join(' '));
    group.setAttribute('aria-label', component.accessibleName);
    // A CSS custom property through the CSSOM, which the page's policy allows, unlike a style attribute.
    group.style.setProperty('--status', themeColor(component.status?.color));
    for (const [name, value] of Object.entries(box)) frame.setAttribute(name, String(value));
    if (!texts) return;
    const small = box.height < smallHeader || component.kind === 'serviceGroup';
    const left = small ? 6 : textInset;
    // Clear of the status dot in the top right corner.
    const room = box.width - left - 20;
    texts.icon.textContent = small ? '' : this.glyphs.of(kindIcons[component.kind]);
    texts.icon.setAttribute('x', String(box.x + 8));
    texts.icon.setAttribute('y', String(box.y + 22));
    texts.title.textContent = fitted(component.label || component.noun, room);
    texts.title.setAttribute('x', String(box.x + left));
    texts.title.setAttribute('y', String(box.y + (small ? 14 : 18)));
    const subtitle = [component.label ? component.noun : '', component.status?.text ?? '', ...component.facts]
      .filter((part) => part !== '')
      .join(' · ');
    texts.subtitle.textContent = small ? '' : fitted(subtitle, room);
    texts.subtitle.setAttribute('x', String(box.x + left));
    texts.subtitle.setAttribute('y', String(box.y + 33));
    texts.status.setAttribute('cx', String(box.x + box.width - 10));
    texts.status.setAttribute('cy', String(box.y + 10));
    texts.status.setAttribute('visibility', component.status ? 'visible' : 'hidden');
  }

  private addEdge(edge: LayoutEdge): void {
    const line = svgElement('polyline', {
      class: 'edge',
      points: points(edge),
      'marker-end': 'url(#arrow)',
      'data-from': edge.from,
      'data-to': edge.to,
    });
    this.edgesRoot.append(line);
    this.edges.set(edge.id, line);
  }
}

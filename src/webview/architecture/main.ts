// The architecture panel's script: draws what the extension sends and tells it what the person asks for.
import { pageIds } from '../../model/architecture/page';
import { parsePanelState } from '../../model/architecture/panelState';
import type { ExtensionMessage, RackIdentity, ViewState, WebviewMessage } from '../../model/architecture/protocol';
import { DetailsPane } from './details';
import { byId } from './dom';
import { Drawing } from './drawing';
import { standaloneSvg } from './exportSvg';
import { Freshness } from './freshness';
import { Glyphs } from './glyphs';
import { Hints } from './hints';
import { keyAction, type KeyAction } from './keyboard';
import { Legend } from './legend';
import { Viewport } from './viewport';
import { vscodeApi } from './vscodeApi';

/** View changes within this many milliseconds are saved once. */
const saveDelayMs = 300;

const rack: RackIdentity = {
  stackId: document.body.dataset.stackId ?? '',
  fullName: document.body.dataset.fullName ?? '',
};
/** The body's view (a restored panel's), if it is JSON at all; parsePanelState checks the rest. */
function bodyView(): unknown {
  try {
    return JSON.parse(document.body.dataset.view ?? 'null');
  } catch {
    return undefined;
  }
}

const saved = parsePanelState(vscodeApi.getState()) ?? parsePanelState({ rack, view: bodyView() });
const post = (message: WebviewMessage): void => vscodeApi.postMessage(message);

const canvas = byId(pageIds.canvas, HTMLDivElement);
const diagram = byId(pageIds.diagram, SVGSVGElement);
const placeholder = byId(pageIds.placeholder, HTMLParagraphElement);
const drawing = new Drawing(byId(pageIds.nodes, SVGGElement), byId(pageIds.edges, SVGGElement), new Glyphs());
const hints = new Hints();
const freshness = new Freshness(
  canvas,
  () => post({ type: 'retry' }),
  () => post({ type: 'diagnose' }),
);
const details = new DetailsPane(post, () => select(undefined));
let selected: string | undefined = saved?.view?.selected;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
/** Whether the view was set (restored, or moved by the person): the first picture is placed only if not. */
let placed = saved?.view !== undefined;

/** Saves the view for a reload (the page's own state) and tells the extension, once the moves settle. */
function saveView(): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    const view: ViewState = { ...viewport.view };
    if (selected !== undefined) view.selected = selected;
    if (!legend.shown) view.legend = false;
    if (rack.stackId !== '') vscodeApi.setState({ rack, view });
    post({ type: 'viewState', ...view });
  }, saveDelayMs);
}

const viewport = new Viewport(
  canvas,
  byId(pageIds.viewport, SVGGElement),
  byId(pageIds.zoomLevel, HTMLSpanElement),
  saveView,
);
if (saved?.view) viewport.set(saved.view);
const legend = new Legend(saved?.view?.legend !== false, saveView);

/** One component in the Tab order at a time; the arrows move it (the roving tabindex of a tree view). */
function makeTabStop(element: SVGGElement | undefined): void {
  for (const item of drawing.items()) item.setAttribute('tabindex', item === element ? '0' : '-1');
}

function focusComponent(id: string): void {
  const element = drawing.element(id);
  const box = drawing.box(id);
  if (!element || !box) return;
  makeTabStop(element);
  element.focus({ preventScroll: true });
  viewport.ensureVisible(box);
}

function select(id: string | undefined): void {
  if (selected !== undefined) drawing.element(selected)?.setAttribute('aria-selected', 'false');
  const component = id === undefined ? undefined : drawing.component(id);
  selected = component?.id;
  if (component) {
    drawing.element(component.id)?.setAttribute('aria-selected', 'true');
    details.show(component);
    post({ type: 'select', id: component.id });
  } else {
    details.hide();
  }
  saveView();
}

/** After a picture or an update: the selection and the Tab stop follow the components that are still there. */
function settle(): void {
  placeholder.hidden = !drawing.isEmpty;
  if (selected !== undefined && drawing.component(selected)) {
    drawing.element(selected)?.setAttribute('aria-selected', 'true');
    const component = drawing.component(selected);
    if (component && details.visible) details.show(component);
  } else if (selected !== undefined) {
    select(undefined);
  }
  const focused = drawing.idAt(document.activeElement);
  if (drawing.items().some((item) => item.getAttribute('tabindex') === '0')) return;
  // Tab first reaches a server, what a person most often looks for; the arrows lead everywhere else.
  const firstServer = drawing.items().find((item) => item.classList.contains('kind-server'));
  makeTabStop(drawing.element(focused ?? selected ?? '') ?? firstServer ?? drawing.items()[0]);
}

function receive(message: ExtensionMessage): void {
  switch (message.type) {
    case 'scene': {
      // A new picture replaces every element: the focus moves to the same component's new one.
      const focused = drawing.idAt(document.activeElement);
      drawing.draw(message.layout);
      freshness.showBanner(message.layout.banner);
      freshness.updated(message.updatedAt);
      if (!placed) {
        viewport.start(drawing.width, drawing.height);
        placed = true;
      }
      settle();
      if (focused !== undefined) focusComponent(focused);
      return;
    }
    case 'update': {
      const started = performance.now();
      drawing.apply(message.update);
      if (message.update.banner !== undefined) freshness.showBanner(message.update.banner ?? undefined);
      freshness.updated(message.updatedAt);
      settle();
      // Style and layout of the patched picture count too: reading a box forces them now.
      document.body.getBoundingClientRect();
      // For the benchmark, which reads them from the page: how long the last update took, and how many there were.
      document.body.dataset.lastUpdateMs = (performance.now() - started).toFixed(2);
      document.body.dataset.updates = String(Number(document.body.dataset.updates ?? 0) + 1);
      return;
    }
    case 'unchanged':
      return freshness.updated(message.updatedAt);
    case 'failed':
      if (drawing.isEmpty) placeholder.textContent = 'No picture yet: the rack could not be read.';
      return freshness.failed(message.message, message.at);
  }
}

/** The component a tree move lands on, from the one focused. */
function moveTarget(from: string, to: 'next' | 'previous' | 'parent' | 'child' | 'first' | 'last'): string | undefined {
  const items = drawing.items();
  const element = drawing.element(from);
  const index = element ? items.indexOf(element) : -1;
  switch (to) {
    case 'next':
      return drawing.idAt(items[index + 1] ?? null);
    case 'previous':
      return drawing.idAt(items[index - 1] ?? null);
    case 'parent':
      return drawing.component(from)?.parent;
    case 'child':
      return drawing.idAt(element?.querySelector('.component') ?? null);
    case 'first':
      return drawing.idAt(items[0] ?? null);
    case 'last':
      return drawing.idAt(items[items.length - 1] ?? null);
  }
}

function perform(action: KeyAction, focused: string | undefined): void {
  placed = true;
  switch (action.kind) {
    case 'pan':
      return viewport.panStep(action.direction, action.far);
    case 'move': {
      const target = focused === undefined ? undefined : moveTarget(focused, action.to);
      if (target !== undefined) focusComponent(target);
      return;
    }
    case 'zoomIn':
      return viewport.zoomIn();
    case 'zoomOut':
      return viewport.zoomOut();
    case 'fit':
      return viewport.fit(drawing.width, drawing.height);
    case 'actualSize':
      return viewport.set({ zoom: 1, panX: viewport.panX, panY: viewport.panY });
    case 'select':
      return select(focused);
    case 'close':
      return select(undefined);
  }
}

canvas.addEventListener('keydown', (event) => {
  // The keyboard takes over from the pointer: its tooltip would describe another component.
  hints.hover(undefined, 0, 0);
  const focused = drawing.idAt(event.target);
  const action = keyAction(event, focused !== undefined);
  if (!action) return;
  event.preventDefault();
  perform(action, focused);
});
// Escape in the details pane closes it and returns to the diagram.
byId(pageIds.details, HTMLElement).addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  const shown = selected;
  select(undefined);
  if (shown !== undefined && drawing.element(shown)) focusComponent(shown);
  else canvas.focus();
});
canvas.addEventListener('click', (event) => {
  if (viewport.takeDragged()) return;
  const id = drawing.idAt(event.target);
  select(id);
  if (id !== undefined) focusComponent(id);
});
canvas.addEventListener('pointermove', (event) =>
  hints.hover(drawing.component(drawing.idAt(event.target) ?? ''), event.clientX, event.clientY),
);
canvas.addEventListener('pointerleave', () => hints.hover(undefined, 0, 0));
canvas.addEventListener('focusin', (event) => {
  const id = drawing.idAt(event.target);
  hints.focus(id === undefined ? undefined : drawing.component(id));
  if (id !== undefined) makeTabStop(drawing.element(id));
});
byId(pageIds.zoomIn, HTMLButtonElement).addEventListener('click', () => perform({ kind: 'zoomIn' }, undefined));
byId(pageIds.zoomOut, HTMLButtonElement).addEventListener('click', () => perform({ kind: 'zoomOut' }, undefined));
byId(pageIds.fit, HTMLButtonElement).addEventListener('click', () => perform({ kind: 'fit' }, undefined));
byId(pageIds.exportSvg, HTMLButtonElement).addEventListener('click', () => {
  if (!drawing.isEmpty) post({ type: 'exportSvg', svg: standaloneSvg(diagram, drawing.width, drawing.height) });
});
window.addEventListener('message', (event: MessageEvent<ExtensionMessage>) => receive(event.data));
if (rack.stackId !== '') vscodeApi.setState(saved ?? { rack });
post({ type: 'ready' });

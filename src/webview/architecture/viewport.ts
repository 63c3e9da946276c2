import type { Box } from '../../model/architecture/layout';
import { maxPan, zoomRange, type ViewState } from '../../model/architecture/protocol';

/**
 * The zoom a picture opens at: the diagram's smallest text is 12 px at 100% (its faces are laid out for it), so
 * nothing is drawn smaller than 11 px on screen.
 */
const readableZoom = 1;
/** Each zoom step, by button, key or wheel notch. */
const zoomStep = 1.25;
/** Pixels an arrow key pans; Shift pans further. */
const panStep = 40;
/** Room kept around the diagram when fitting it, and around a component brought into view. */
const fitMargin = 16;
/** A pointer that moved less than this between press and release clicked rather than dragged. */
const dragThreshold = 4;

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/**
 * Zoom and pan of the diagram: a transform on its root group, changed by the toolbar, Ctrl+wheel, the wheel
 * (pan), dragging the background, and the keys the page hands over. `changed` hears every move.
 */
export class Viewport {
  zoom = 1;
  panX = 0;
  panY = 0;
  /** True between a press that moved past the threshold and the click that ends it, so that click selects nothing. */
  private dragged = false;

  constructor(
    private readonly canvas: HTMLElement,
    private readonly root: SVGGElement,
    private readonly zoomLabel: HTMLElement,
    private readonly changed: () => void,
  ) {
    canvas.addEventListener('wheel', (event) => this.wheel(event), { passive: false });
    canvas.addEventListener('pointerdown', (event) => this.drag(event));
    this.draw();
  }

  get view(): Pick<ViewState, 'zoom' | 'panX' | 'panY'> {
    return { zoom: this.zoom, panX: this.panX, panY: this.panY };
  }

  /** Whether the click being handled ended a drag (and so selects nothing); reading it resets it. */
  takeDragged(): boolean {
    const dragged = this.dragged;
    this.dragged = false;
    return dragged;
  }

  set(view: Pick<ViewState, 'zoom' | 'panX' | 'panY'>): void {
    this.zoom = clamp(view.zoom, zoomRange.min, zoomRange.max);
    this.panX = clamp(view.panX, -maxPan, maxPan);
    this.panY = clamp(view.panY, -maxPan, maxPan);
    this.render();
  }

  /** Zooms by `factor` keeping the point under (x, y) (canvas pixels; the centre by default) where it is. */
  zoomBy(factor: number, x = this.canvas.clientWidth / 2, y = this.canvas.clientHeight / 2): void {
    const zoom = clamp(this.zoom * factor, zoomRange.min, zoomRange.max);
    const scale = zoom / this.zoom;
    this.set({ zoom, panX: x - (x - this.panX) * scale, panY: y - (y - this.panY) * scale });
  }

  zoomIn(): void {
    this.zoomBy(zoomStep);
  }

  zoomOut(): void {
    this.zoomBy(1 / zoomStep);
  }

  panBy(dx: number, dy: number): void {
    this.set({ zoom: this.zoom, panX: this.panX + dx, panY: this.panY + dy });
  }

  /** Pans by one arrow key's step in a direction; `far` (Shift) pans a screenful's quarter. */
  panStep(direction: 'left' | 'right' | 'up' | 'down', far: boolean): void {
    const step = far ? Math.max(panStep, Math.min(this.canvas.clientWidth, this.canvas.clientHeight) / 4) : panStep;
    const [dx, dy] = { left: [step, 0], right: [-step, 0], up: [0, step], down: [0, -step] }[direction];
    this.panBy(dx, dy);
  }

  /** The whole diagram in view, centred, no larger than life. */
  fit(width: number, height: number): void {
    const room = {
      width: Math.max(1, this.canvas.clientWidth - 2 * fitMargin),
      height: Math.max(1, this.canvas.clientHeight - 2 * fitMargin),
    };
    const zoom = clamp(
      Math.min(room.width / Math.max(width, 1), room.height / Math.max(height, 1), 1),
      zoomRange.min,
      zoomRange.max,
    );
    this.set({
      zoom,
      panX: (this.canvas.clientWidth - width * zoom) / 2,
      panY: (this.canvas.clientHeight - height * zoom) / 2,
    });
  }

  /**
   * Where a first picture opens: at a readable zoom, centred where it is smaller than the window, from its top
   * left where it is larger (the callers and balancers on top, the first zone), to be scrolled rather than
   * shrunk until its text cannot be read.
   */
  start(width: number, height: number): void {
    const zoom = readableZoom;
    const offset = (room: number, size: number): number => (size * zoom <= room ? (room - size * zoom) / 2 : 0);
    this.set({
      zoom,
      panX: offset(this.canvas.clientWidth, width),
      panY: offset(this.canvas.clientHeight, height),
    });
  }

  /** Pans just enough for a component to be in view (its top left corner, if it is larger than the view). */
  ensureVisible(box: Box): void {
    const left = box.x * this.zoom + this.panX;
    const top = box.y * this.zoom + this.panY;
    const right = left + Math.min(box.width * this.zoom, this.canvas.clientWidth - 2 * fitMargin);
    const bottom = top + Math.min(box.height * this.zoom, this.canvas.clientHeight - 2 * fitMargin);
    const dx =
      left < fitMargin
        ? fitMargin - left
        : right > this.canvas.clientWidth - fitMargin
          ? this.canvas.clientWidth - fitMargin - right
          : 0;
    const dy =
      top < fitMargin
        ? fitMargin - top
        : bottom > this.canvas.clientHeight - fitMargin
          ? this.canvas.clientHeight - fitMargin - bottom
          : 0;
    if (dx !== 0 || dy !== 0) this.panBy(dx, dy);
  }

  private render(): void {
    this.draw();
    this.changed();
  }

  private draw(): void {
    this.root.setAttribute('transform', `translate(${this.panX} ${this.panY}) scale(${this.zoom})`);
    this.zoomLabel.textContent = `${Math.round(this.zoom * 100)}%`;
  }

  private wheel(event: WheelEvent): void {
    event.preventDefault();
    const bounds = this.canvas.getBoundingClientRect();
    if (event.ctrlKey || event.metaKey)
      this.zoomBy(Math.exp(-event.deltaY * 0.002), event.clientX - bounds.left, event.clientY - bounds.top);
    else this.panBy(-event.deltaX, -event.deltaY);
  }

  private drag(event: PointerEvent): void {
    if (event.button !== 0) return;
    const start = { x: event.clientX, y: event.clientY, panX: this.panX, panY: this.panY };
    this.dragged = false;
    const move = (moved: PointerEvent): void => {
      const dx = moved.clientX - start.x;
      const dy = moved.clientY - start.y;
      if (!this.dragged && Math.hypot(dx, dy) < dragThreshold) return;
      if (!this.dragged) this.canvas.setPointerCapture(event.pointerId);
      this.dragged = true;
      this.canvas.classList.add('dragging');
      this.set({ zoom: this.zoom, panX: start.panX + dx, panY: start.panY + dy });
    };
    const end = (): void => {
      this.canvas.classList.remove('dragging');
      this.canvas.removeEventListener('pointermove', move);
      this.canvas.removeEventListener('pointerup', end);
      this.canvas.removeEventListener('pointercancel', end);
    };
    this.canvas.addEventListener('pointermove', move);
    this.canvas.addEventListener('pointerup', end);
    this.canvas.addEventListener('pointercancel', end);
  }
}

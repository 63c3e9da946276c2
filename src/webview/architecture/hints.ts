import { pageIds } from '../../model/architecture/page';
import type { SceneComponent } from '../../model/architecture/sceneTypes';
import { byId } from './dom';

/** Room between the pointer and its tooltip. */
const offset = 14;

/** What a component is, shown where the person looks: a tooltip by the pointer, a line at the bottom for focus. */
export class Hints {
  private readonly tooltip = byId(pageIds.tooltip, HTMLDivElement);
  private readonly focusLine = byId(pageIds.focusLine, HTMLElement);

  hover(component: SceneComponent | undefined, clientX: number, clientY: number): void {
    this.tooltip.hidden = component === undefined;
    if (!component) return;
    this.tooltip.textContent = component.accessibleName;
    // Kept inside the window: flipped to the pointer's other side near the right or bottom edge.
    const { width, height } = this.tooltip.getBoundingClientRect();
    const left = clientX + offset + width > window.innerWidth ? clientX - offset - width : clientX + offset;
    const top = clientY + offset + height > window.innerHeight ? clientY - offset - height : clientY + offset;
    this.tooltip.style.left = `${Math.max(0, left)}px`;
    this.tooltip.style.top = `${Math.max(0, top)}px`;
  }

  focus(component: SceneComponent | undefined): void {
    this.focusLine.textContent = component ? `${component.accessibleName}. Enter shows its details.` : '';
  }
}

import { pageIds } from '../../model/architecture/page';
import type { WebviewMessage } from '../../model/architecture/protocol';
import type { SceneComponent } from '../../model/architecture/sceneTypes';
import { byId, themeColor } from './dom';

/**
 * The details pane of the selected component: what it is, its status and facts, its details rows, and its
 * actions (the AWS console, the Racks view, copying its ID or ARN). The extension acts on the component's id,
 * looking it up in the picture it sent.
 */
export class DetailsPane {
  private readonly pane = byId(pageIds.details, HTMLElement);
  private readonly title = byId(pageIds.detailsTitle, HTMLHeadingElement);
  private readonly status = byId(pageIds.detailsStatus, HTMLParagraphElement);
  private readonly rows = byId(pageIds.detailsRows, HTMLDListElement);
  private readonly openConsole = byId(pageIds.openConsole, HTMLButtonElement);
  private readonly copyId = byId(pageIds.copyId, HTMLButtonElement);
  private readonly copyLabel = byId(pageIds.copyLabel, HTMLSpanElement);
  private readonly showLogs = byId(pageIds.showLogs, HTMLButtonElement);
  private shown: SceneComponent | undefined;

  constructor(
    post: (message: WebviewMessage) => void,
    private readonly closed: () => void,
  ) {
    const withShown = (act: (component: SceneComponent) => void) => (): void => {
      if (this.shown) act(this.shown);
    };
    this.openConsole.addEventListener(
      'click',
      withShown((component) => post({ type: 'openConsole', id: component.id })),
    );
    this.showLogs.addEventListener(
      'click',
      withShown((component) => post({ type: 'showLogs', id: component.id })),
    );
    byId(pageIds.revealInTree, HTMLButtonElement).addEventListener(
      'click',
      withShown((component) => post({ type: 'revealInTree', id: component.id })),
    );
    this.copyId.addEventListener(
      'click',
      withShown((component) => component.awsId && post({ type: 'copy', text: component.awsId })),
    );
    byId(pageIds.closeDetails, HTMLButtonElement).addEventListener('click', () => this.closed());
  }

  get visible(): boolean {
    return !this.pane.hidden;
  }

  show(component: SceneComponent): void {
    this.shown = component;
    this.pane.hidden = false;
    this.title.textContent = [component.noun, component.label].filter((part) => part !== '').join(' ');
    this.status.replaceChildren();
    if (component.status) {
      const icon = document.createElement('span');
      icon.className = `codicon codicon-${component.status.icon} status-icon`;
      icon.setAttribute('aria-hidden', 'true');
      icon.style.setProperty('--status', themeColor(component.status.color));
      this.status.append(icon, component.status.text);
    }
    if (component.facts.length > 0)
      this.status.append(`${component.status ? ' · ' : ''}${component.facts.join(' · ')}`);
    this.rows.replaceChildren(
      ...component.details.flatMap((row) => {
        const term = document.createElement('dt');
        term.textContent = row.label;
        const value = document.createElement('dd');
        value.textContent = row.value;
        return [term, value];
      }),
    );
    this.openConsole.hidden = component.consoleUrl === undefined;
    this.copyId.hidden = component.awsId === undefined;
    this.showLogs.hidden = !['logGroup', 'server', 'container'].includes(component.kind);
    this.copyLabel.textContent = component.awsId?.startsWith('arn:') ? 'Copy ARN' : 'Copy ID';
  }

  hide(): void {
    this.shown = undefined;
    this.pane.hidden = true;
  }
}

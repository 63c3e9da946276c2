import { pageIds } from '../../model/architecture/page';
import { stateStyles, statusStates } from '../../model/architecture/statusStates';
import { byId, themeColor } from './dom';

function item(symbol: HTMLElement, word: string, meaning: string): HTMLElement {
  const entry = document.createElement('span');
  entry.className = 'legend-item';
  entry.title = meaning;
  entry.append(symbol, word);
  return entry;
}

function codicon(icon: string, color?: string): HTMLElement {
  const glyph = document.createElement('span');
  glyph.className = `codicon codicon-${icon} legend-symbol`;
  glyph.setAttribute('aria-hidden', 'true');
  if (color !== undefined) glyph.style.setProperty('--status', themeColor(color));
  return glyph;
}

function swatch(kind: 'dashed' | 'meter' | 'path'): HTMLElement {
  const drawn = document.createElement('span');
  drawn.className = `legend-symbol legend-${kind}`;
  drawn.setAttribute('aria-hidden', 'true');
  return drawn;
}

/**
 * What the diagram's marks mean, in a line under the toolbar: each status's icon in its colour with its word,
 * the request path, spot and build servers' dashed frames and the bars. The toolbar's Legend button shows and
 * hides it.
 */
export class Legend {
  private readonly panel = byId(pageIds.legend, HTMLDivElement);
  private readonly toggle = byId(pageIds.toggleLegend, HTMLButtonElement);

  constructor(shown: boolean, toggled: () => void) {
    const { panel } = this;
    for (const state of statusStates) {
      const style = stateStyles[state];
      panel.append(item(codicon(style.icon, style.color), style.word, style.meaning));
    }
    panel.append(
      item(swatch('path'), 'request path', 'how a request reaches the processes on the servers'),
      item(swatch('dashed'), 'spot or build server', 'a server of the spot or build group'),
      item(swatch('meter'), 'CPU, memory in use', 'the share of a server’s CPU and memory its tasks reserve'),
    );
    this.show(shown);
    this.toggle.addEventListener('click', () => {
      this.show(!this.shown);
      toggled();
    });
  }

  get shown(): boolean {
    return !this.panel.hidden;
  }

  private show(shown: boolean): void {
    this.panel.hidden = !shown;
    this.toggle.setAttribute('aria-pressed', String(shown));
  }
}

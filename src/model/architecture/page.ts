import type { RackIdentity, ViewState } from './protocol';

/** The ids of the page's fixed elements, shared by the page below and the script that fills it. */
export const pageIds = {
  zoomIn: 'zoom-in',
  zoomOut: 'zoom-out',
  fit: 'fit',
  zoomLevel: 'zoom-level',
  exportSvg: 'export-svg',
  toggleLegend: 'toggle-legend',
  legend: 'legend',
  freshness: 'freshness',
  banner: 'banner',
  bannerText: 'banner-text',
  diagnose: 'diagnose',
  failure: 'failure',
  failureText: 'failure-text',
  retry: 'retry',
  canvas: 'canvas',
  diagram: 'diagram',
  viewport: 'viewport',
  edges: 'edges',
  nodes: 'nodes',
  placeholder: 'placeholder',
  details: 'details',
  detailsTitle: 'details-title',
  detailsStatus: 'details-status',
  detailsRows: 'details-rows',
  closeDetails: 'close-details',
  openConsole: 'open-console',
  revealInTree: 'reveal-in-tree',
  copyId: 'copy-id',
  copyLabel: 'copy-label',
  showLogs: 'show-logs',
  focusLine: 'focus-line',
  tooltip: 'tooltip',
} as const;

/** What the page is built from: the webview's resource origin, a fresh nonce, and webview URIs of its files. */
export interface PageParts {
  /** `webview.cspSource`. */
  cspSource: string;
  /** New for every load of the page; only the script carrying it runs. */
  nonce: string;
  script: string;
  styles: readonly string[];
  rack: RackIdentity;
  /** How a restored panel's diagram was shown, for a page that has no saved state of its own. */
  view?: ViewState;
}

/** Everything but the page's own files and their fonts and images is refused, inline styles and handlers too. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

/** Text safe inside an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function iconButton(id: string, icon: string, label: string, key?: string): string {
  const title = key ? `${label} (${key})` : label;
  return `<button id="${id}" class="icon-button" type="button" aria-label="${label}" title="${title}"><span class="codicon codicon-${icon}" aria-hidden="true"></span></button>`;
}

/**
 * The architecture panel's page: a toolbar, the banner and failure lines, the legend, the diagram's empty SVG
 * (the edges over the components: requests run across the zones they enter), the details pane and the tooltip,
 * all filled in by the script from the messages it is sent. The rack's identity (and a
 * restored view) ride on the body so the page can save them before its first picture arrives.
 */
export function architecturePage(parts: PageParts): string {
  const name = escapeHtml(parts.rack.fullName);
  const view = parts.view ? ` data-view="${escapeHtml(JSON.stringify(parts.view))}"` : '';
  const styles = parts.styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(parts.cspSource, parts.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>Architecture: ${name}</title>
</head>
<body data-stack-id="${escapeHtml(parts.rack.stackId)}" data-full-name="${name}"${view}>
<div class="app">
<header class="toolbar" role="toolbar" aria-label="Diagram">
${iconButton(pageIds.zoomOut, 'zoom-out', 'Zoom Out', '-')}
<span id="${pageIds.zoomLevel}" class="zoom-level" aria-label="Zoom level">100%</span>
${iconButton(pageIds.zoomIn, 'zoom-in', 'Zoom In', '+')}
${iconButton(pageIds.fit, 'screen-normal', 'Fit to Window', '0')}
${iconButton(pageIds.exportSvg, 'desktop-download', 'Export as SVG')}
<button id="${pageIds.toggleLegend}" class="toggle-button" type="button" aria-pressed="true" aria-controls="${pageIds.legend}" title="Show or hide what the colours, icons and lines mean"><span class="codicon codicon-symbol-color" aria-hidden="true"></span> Legend</button>
<span id="${pageIds.freshness}" class="freshness" role="status">Reading ${name}…</span>
</header>
<div id="${pageIds.banner}" class="banner" role="status" hidden><span class="codicon codicon-info" aria-hidden="true"></span><span id="${pageIds.bannerText}"></span><button id="${pageIds.diagnose}" class="text-button" type="button">Diagnose</button></div>
<div id="${pageIds.failure}" class="failure" role="alert" hidden><span class="codicon codicon-warning" aria-hidden="true"></span><span id="${pageIds.failureText}" class="failure-text"></span><button id="${pageIds.retry}" class="text-button" type="button">Retry</button></div>
<div id="${pageIds.legend}" class="legend" role="region" aria-label="Legend"></div>
<div class="workspace">
<div id="${pageIds.canvas}" class="canvas" tabindex="0" aria-label="Architecture of ${name}. Arrow keys pan, plus and minus zoom, 0 fits, Tab enters the components.">
<svg id="${pageIds.diagram}" class="diagram" xmlns="http://www.w3.org/2000/svg"><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path class="arrow-head" d="M0,0 L10,5 L0,10 z"/></marker></defs><g id="${pageIds.viewport}"><g id="${pageIds.nodes}" role="tree" aria-label="Components of ${name}"></g><g id="${pageIds.edges}" class="edges" aria-hidden="true"></g></g></svg>
<p id="${pageIds.placeholder}" class="placeholder">Reading the resources of ${name}…</p>
</div>
<aside id="${pageIds.details}" class="details" aria-labelledby="${pageIds.detailsTitle}" hidden>
<div class="details-head"><h2 id="${pageIds.detailsTitle}"></h2>${iconButton(pageIds.closeDetails, 'close', 'Close Details', 'Escape')}</div>
<p id="${pageIds.detailsStatus}" class="details-status"></p>
<dl id="${pageIds.detailsRows}" class="details-rows"></dl>
<div class="details-actions">
<button id="${pageIds.openConsole}" class="text-button" type="button"><span class="codicon codicon-link-external" aria-hidden="true"></span> Open in AWS Console</button>
<button id="${pageIds.showLogs}" class="text-button secondary" type="button" hidden><span class="codicon codicon-output" aria-hidden="true"></span> Show Logs</button>
<button id="${pageIds.revealInTree}" class="text-button secondary" type="button"><span class="codicon codicon-list-tree" aria-hidden="true"></span> Reveal in Racks View</button>
<button id="${pageIds.copyId}" class="text-button secondary" type="button"><span class="codicon codicon-copy" aria-hidden="true"></span> <span id="${pageIds.copyLabel}">Copy ID</span></button>
</div>
</aside>
</div>
<footer id="${pageIds.focusLine}" class="focus-line" aria-hidden="true"></footer>
</div>
<div id="${pageIds.tooltip}" class="tooltip" role="tooltip" hidden></div>
<script nonce="${escapeHtml(parts.nonce)}" src="${escapeHtml(parts.script)}"></script>
</body>
</html>
`;
}

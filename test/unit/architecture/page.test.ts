import * as assert from 'node:assert/strict';
import { architecturePage, contentSecurityPolicy, escapeHtml, pageIds } from '../../../src/model/architecture/page';

const parts = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'bm9uY2Utb25lLXR3bw==',
  script: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/architecture.js',
  styles: [
    'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/codicons/codicon.css',
    'https://file+.vscode-resource.vscode-cdn.net/ext/media/architecture.css',
  ],
  rack: {
    fullName: 'acme/production',
    stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/production/0a1b2c',
  },
};

describe('architecture page', () => {
  it('allows only its own files, and scripts carrying the nonce', () => {
    assert.equal(
      contentSecurityPolicy(parts.cspSource, parts.nonce),
      `default-src 'none'; script-src 'nonce-${parts.nonce}'; style-src ${parts.cspSource}; font-src ${parts.cspSource}; img-src ${parts.cspSource} data:`,
    );
    const page = architecturePage(parts);
    assert.ok(
      page.includes(`content="default-src &#39;none&#39;; script-src &#39;nonce-${parts.nonce}&#39;;`),
      'the policy is in the page',
    );
  });

  it('loads one script, with the nonce, and the stylesheets as files', () => {
    const page = architecturePage(parts);
    assert.deepEqual(
      [...page.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]),
      [`<script nonce="${parts.nonce}" src="${parts.script}">`],
    );
    assert.deepEqual(
      [...page.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((match) => match[1]),
      parts.styles,
    );
    const lines = page.split('\n');
    for (const href of parts.styles) assert.ok(lines.includes(`<link rel="stylesheet" href="${href}">`), href);
  });

  it('labels each icon button, with its key in the tooltip where it has one', () => {
    const page = architecturePage(parts);
    const buttons = [
      ...page.matchAll(
        /<button id="([^"]+)" class="icon-button" type="button" aria-label="([^"]+)" title="([^"]+)"><span class="codicon codicon-([a-z-]+)"/g,
      ),
    ].map(([, id, label, title, icon]) => ({ id, label, title, icon }));
    assert.deepEqual(buttons, [
      { id: pageIds.zoomOut, label: 'Zoom Out', title: 'Zoom Out (-)', icon: 'zoom-out' },
      { id: pageIds.zoomIn, label: 'Zoom In', title: 'Zoom In (+)', icon: 'zoom-in' },
      { id: pageIds.fit, label: 'Fit to Window', title: 'Fit to Window (0)', icon: 'screen-normal' },
      { id: pageIds.exportSvg, label: 'Export as SVG', title: 'Export as SVG', icon: 'desktop-download' },
      { id: pageIds.closeDetails, label: 'Close Details', title: 'Close Details (Escape)', icon: 'close' },
    ]);
  });

  it('has a Legend button that says whether the legend is shown and which region it shows', () => {
    const page = architecturePage(parts);
    assert.match(
      page,
      new RegExp(
        `<button id="${pageIds.toggleLegend}" class="toggle-button" type="button" aria-pressed="true" aria-controls="${pageIds.legend}"[^>]*>.*Legend</button>`,
      ),
    );
    assert.match(
      page,
      new RegExp(`<div id="${pageIds.legend}" class="legend" role="region" aria-label="Legend"></div>`),
    );
  });

  it('draws the edges over the components, whose zones they run across', () => {
    const page = architecturePage(parts);
    assert.ok(page.indexOf(`id="${pageIds.nodes}"`) < page.indexOf(`id="${pageIds.edges}"`));
  });

  it('has no inline style or handler for the policy to refuse', () => {
    const page = architecturePage(parts);
    assert.doesNotMatch(page, /<style\b/);
    assert.doesNotMatch(page, /\sstyle=/);
    assert.doesNotMatch(page, /\son[a-z]+=/i);
    assert.doesNotMatch(page, /<script\b[^>]*>[^<]/, 'no inline script body');
  });

  it('carries the rack identity for the page to save, and titles itself with the rack', () => {
    const page = architecturePage(parts);
    assert.ok(page.includes(`<body data-stack-id="${parts.rack.stackId}" data-full-name="acme/production">`));
    assert.ok(page.includes('<title>Architecture: acme/production</title>'));
  });

  it('carries a restored view for a page that has none saved', () => {
    const view = { zoom: 2, panX: -10, panY: 4, selected: 'server/"i-0abc"' };
    const page = architecturePage({ ...parts, view });
    const attribute = /data-view="([^"]*)"/.exec(page)?.[1] ?? '';
    assert.deepEqual(JSON.parse(attribute.replace(/&quot;/g, '"').replace(/&amp;/g, '&')), view);
    assert.doesNotMatch(architecturePage(parts), /data-view/);
  });

  it('has every element the script looks up, once', () => {
    const page = architecturePage(parts);
    for (const id of Object.values(pageIds)) assert.equal(page.split(`id="${id}"`).length - 1, 1, id);
  });

  it('escapes what it is given, so no name or URI can break out of its attribute', () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>&</a>`),
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    const page = architecturePage({ ...parts, rack: { fullName: 'a"b/<c>', stackId: 'arn:"><script>' }, nonce: 'n"x' });
    assert.ok(!page.includes('<c>') && !page.includes('"><script>'));
    assert.ok(page.includes('data-full-name="a&quot;b/&lt;c&gt;"'));
    assert.ok(page.includes('nonce="n&quot;x"'));
  });
});

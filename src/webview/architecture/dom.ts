const svgNamespace = 'http://www.w3.org/2000/svg';

/** An SVG element with its attributes; every value goes through setAttribute, never through markup. */
export function svgElement<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number> = {},
): SVGElementTagNameMap[K] {
  const created = document.createElementNS(svgNamespace, tag);
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, String(value));
  return created;
}

/** One of the page's fixed elements, of the type the script expects: the page and the script are built together. */
export function byId<T extends Element>(id: string, type: { new (): T; prototype: T }): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`the page has no ${type.name} #${id}`);
  return found;
}

/** The theme colour a status colour id names, e.g. `charts.yellow` → `var(--vscode-charts-yellow)`. */
export function themeColor(id: string | undefined): string {
  return id !== undefined && /^[A-Za-z0-9.]+$/.test(id)
    ? `var(--vscode-${id.replace(/\./g, '-')})`
    : 'var(--vscode-foreground)';
}

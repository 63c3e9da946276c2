/**
 * Codicon characters for SVG text. The codicon stylesheet gives each icon as its class's `::before` content, so a
 * hidden probe element with the class reads it; SVG text in the codicon font then draws the icon.
 */
export class Glyphs {
  private readonly known = new Map<string, string>();
  private readonly probe: HTMLSpanElement;

  constructor() {
    this.probe = document.createElement('span');
    this.probe.setAttribute('aria-hidden', 'true');
    document.body.append(this.probe);
  }

  /** The character of a codicon id (`server`; a `~spin` modifier is dropped), or '' if the stylesheet has none. */
  of(icon: string): string {
    const id = icon.replace(/~.*$/, '');
    let glyph = this.known.get(id);
    if (glyph === undefined) {
      this.probe.className = `codicon codicon-${id} glyph-probe`;
      const content = getComputedStyle(this.probe, '::before').content;
      glyph = /^".*"$/.test(content) ? content.slice(1, -1) : '';
      this.known.set(id, glyph);
    }
    return glyph;
  }
}

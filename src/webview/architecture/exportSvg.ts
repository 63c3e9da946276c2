import { pageIds } from '../../model/architecture/page';

/** The computed properties that give the drawing its look; the copy carries them as attributes. */
const drawnProperties = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
];
/** The page's own markup: styling hooks, focus and selection state. */
const pageAttributes = [
  'class',
  'style',
  'tabindex',
  'aria-selected',
  'aria-expanded',
  'data-id',
  'data-from',
  'data-to',
];

/**
 * The diagram as a standalone SVG file: the whole of it at 100%, every theme colour resolved to the value it
 * has now (a file has no VS Code theme), without the codicon glyphs (a file has no codicon font) or the
 * page's styling and focus markup.
 */
export function standaloneSvg(diagram: SVGSVGElement, width: number, height: number): string {
  const copy = diagram.cloneNode(true);
  if (!(copy instanceof SVGSVGElement)) throw new Error('the diagram did not copy as SVG');
  const originals = [...diagram.querySelectorAll('*')];
  const copies = [...copy.querySelectorAll('*')];
  const glyphs: Element[] = [];
  originals.forEach((original, index) => {
    const target = copies[index];
    if (original.classList.contains('icon')) glyphs.push(target);
    const style = getComputedStyle(original);
    for (const property of drawnProperties) target.setAttribute(property, style.getPropertyValue(property));
    for (const attribute of pageAttributes) target.removeAttribute(attribute);
  });
  glyphs.forEach((glyph) => glyph.remove());
  copy.querySelector(`#${pageIds.viewport}`)?.removeAttribute('transform');
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  for (const [name, value] of Object.entries({ width, height, fill: getComputedStyle(document.body).backgroundColor }))
    background.setAttribute(name, String(value));
  copy.prepend(background);
  copy.removeAttribute('class');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return new XMLSerializer().serializeToString(copy);
}

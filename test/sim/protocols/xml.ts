/** Content already rendered, inserted as it is. */
export class RenderedXml {
  constructor(readonly xml: string) {}
}

/** A value the XML writer can render; `undefined` members are left out, as AWS omits unset fields. */
export type XmlValue = string | number | boolean | Date | undefined | RenderedXml | XmlValue[] | XmlObject;
export interface XmlObject {
  [element: string]: XmlValue;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function scalar(value: string | number | boolean | Date): string {
  return value instanceof Date ? value.toISOString() : escapeXml(String(value));
}

/**
 * Renders `value` as the content of an element. Lists become repeated `itemName` children
 * (`member` for awsQuery, `item` for ec2Query), never flattened.
 */
export function xmlContent(value: XmlValue, itemName: string): string {
  if (value === undefined) return '';
  if (value instanceof RenderedXml) return value.xml;
  if (Array.isArray(value)) return value.map((item) => element(itemName, item, itemName)).join('');
  if (typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value)
      .map(([name, child]) => (child === undefined ? '' : element(name, child, itemName)))
      .join('');
  }
  return scalar(value);
}

export function element(name: string, value: XmlValue, itemName: string): string {
  return `<${name}>${xmlContent(value, itemName)}</${name}>`;
}

/**
 * A small XML writer for the flat documents of GeoReport v2 (a root, repeated records, scalar
 * fields, a few nested lists). Text is escaped, and characters XML 1.0 cannot carry (control
 * characters, lone surrogates) become U+FFFD, so that any stored text yields a well-formed document.
 */

export type XmlContent = string | number | boolean | null | undefined | readonly XmlNode[];

export interface XmlNode {
  name: string;
  content: XmlContent;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
const NOT_XML_CHAR = new RegExp(
  [
    '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]',
    '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])',
    '(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
  ].join('|'),
  'g',
);

export function escapeXmlText(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

export function node(name: string, content: XmlContent): XmlNode {
  return { name, content };
}

/** An object's fields as nodes, in their order; `undefined` fields are left out, `null` ones are empty. */
export function fieldsOf(record: Readonly<Record<string, XmlContent>>): XmlNode[] {
  return Object.entries(record)
    .filter(([, value]) => value !== undefined)
    .map(([name, content]) => node(name, content));
}

function write(n: XmlNode, out: string[]): void {
  if (!NAME.test(n.name)) throw new Error(`not an XML element name: ${n.name}`);
  const { content } = n;
  if (content === null || content === undefined || content === '') {
    out.push(`<${n.name}/>`);
  } else if (Array.isArray(content)) {
    if (content.length === 0) {
      out.push(`<${n.name}/>`);
      return;
    }
    out.push(`<${n.name}>`);
    for (const child of content as readonly XmlNode[]) write(child, out);
    out.push(`</${n.name}>`);
  } else {
    out.push(`<${n.name}>${escapeXmlText(String(content))}</${n.name}>`);
  }
}

/** A whole document with its declaration. */
export function xmlDocument(root: XmlNode): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>\n'];
  write(root, out);
  out.push('\n');
  return out.join('');
}

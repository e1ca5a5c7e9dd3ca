/**
 * A minimal XML reader for tests: elements, text and the five predefined entities (plus numeric
 * references) — enough to read back the flat GeoReport v2 documents. Throws on anything malformed.
 */

export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  if (text.includes('<')) throw new Error('a raw < in text');
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);|&/gi, (whole, entity: string | undefined) => {
    if (!entity) throw new Error('a raw & in text');
    if (entity.startsWith('#x') || entity.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    const value = ENTITIES[entity];
    if (value === undefined) throw new Error(`unknown entity ${whole}`);
    return value;
  });
}

export function readXml(source: string): XmlElement {
  const body = source.replace(/^<\?xml[^?]*\?>\s*/, '');
  const tag = /<(\/?)([A-Za-z_][\w.-]*)\s*(\/?)>/g;
  const stack: XmlElement[] = [{ name: '#document', children: [], text: '' }];
  let last = 0;
  for (let match = tag.exec(body); match; match = tag.exec(body)) {
    const top = stack.at(-1);
    if (!top) throw new Error('unbalanced');
    top.text += decode(body.slice(last, match.index));
    last = tag.lastIndex;
    const [, closing, name = '', selfClosing] = match;
    if (closing) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
    } else {
      const element: XmlElement = { name, children: [], text: '' };
      top.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  if (body.slice(last).trim() !== '' || stack.length !== 1) throw new Error('unbalanced document');
  const [root, ...rest] = stack[0]?.children ?? [];
  if (!root || rest.length > 0) throw new Error('not one root element');
  return root;
}

/** The records under a list root (`<services><service>…`): each child's fields as text, null when empty. */
export function recordsOf(root: XmlElement): Record<string, string | null>[] {
  return root.children.map((record) =>
    Object.fromEntries(record.children.map((field) => [field.name, field.text === '' ? null : field.text])),
  );
}

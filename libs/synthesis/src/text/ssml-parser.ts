/** Refused SSML input; the message says what and where, for the client to fix. */
export class InvalidSsmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSsmlError';
  }
}

export interface SsmlElement {
  name: string;
  attributes: Readonly<Record<string, string>>;
  children: SsmlNode[];
}
export type SsmlNode = SsmlElement | string;

export const MAX_SSML_DEPTH = 10;

/** The elements this platform speaks, and the attributes each one may carry. */
const ELEMENT_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  speak: ['version', 'xmlns', 'xml:lang', 'xmlns:xsi', 'xsi:schemaLocation'],
  break: ['time', 'strength'],
  prosody: ['rate', 'pitch', 'volume'],
  'say-as': ['interpret-as', 'format', 'detail'],
  sub: ['alias'],
  phoneme: ['alphabet', 'ph'],
  p: ['xml:lang'],
  s: ['xml:lang'],
};

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** SSML is recognised by its root element (or an XML prolog in front of it), never guessed from inner tags. */
export function isSsml(input: string): boolean {
  return /^\s*(?:<speak[\s/>]|<\?xml|<!DOCTYPE)/i.test(input);
}

/**
 * A deliberately small XML reader for the SSML subset: one `speak` root, known elements and
 * attributes only, the five predefined entities and numeric character references. Anything that
 * could expand or reach outside the document (DOCTYPE, ENTITY, CDATA, processing instructions) is
 * refused instead of ignored, and so are unknown elements, unbalanced tags and nesting deeper than
 * MAX_SSML_DEPTH. Linear in the input.
 */
export function parseSsml(input: string): SsmlElement {
  return new SsmlReader(input).read();
}

class SsmlReader {
  private position = 0;

  constructor(private readonly source: string) {}

  read(): SsmlElement {
    this.skipProlog();
    if (!this.source.startsWith('<speak', this.position)) this.fail('the document must start with <speak>');
    const root = this.element(1);
    this.skipMisc();
    if (this.position < this.source.length) this.fail('nothing may follow </speak>');
    return root;
  }

  private fail(reason: string, at = this.position): never {
    throw new InvalidSsmlError(`Invalid SSML at character ${at}: ${reason}`);
  }

  private skipProlog(): void {
    this.skipWhitespace();
    if (this.source.startsWith('<?xml', this.position)) {
      const end = this.source.indexOf('?>', this.position);
      if (end < 0) this.fail('unterminated XML declaration');
      this.position = end + 2;
    }
    this.skipMisc();
  }

  /** Whitespace and comments, which may surround the root. */
  private skipMisc(): void {
    for (;;) {
      this.skipWhitespace();
      if (this.source.startsWith('<!--', this.position)) this.skipComment();
      else if (this.source.startsWith('<!', this.position) || this.source.startsWith('<?', this.position)) this.refuseDeclaration();
      else return;
    }
  }

  private skipWhitespace(): void {
    while (this.position < this.source.length && /\s/.test(this.source[this.position]!)) this.position++;
  }

  private skipComment(): void {
    const end = this.source.indexOf('-->', this.position + 4);
    if (end < 0) this.fail('unterminated comment');
    this.position = end + 3;
  }

  private refuseDeclaration(): never {
    const rest = this.source.slice(this.position, this.position + 10).toUpperCase();
    if (rest.startsWith('<!DOCTYPE')) this.fail('DOCTYPE declarations are not allowed');
    if (rest.startsWith('<!ENTITY')) this.fail('ENTITY declarations are not allowed');
    if (rest.startsWith('<![CDATA[')) this.fail('CDATA sections are not supported; escape the text instead');
    if (rest.startsWith('<?')) this.fail('processing instructions are not allowed');
    this.fail('markup declarations are not allowed');
  }

  /** An element starting at `<`, with its content and end tag. */
  private element(depth: number): SsmlElement {
    const start = this.position;
    if (depth > MAX_SSML_DEPTH) this.fail(`elements may be nested at most ${MAX_SSML_DEPTH} deep`, start);
    this.position++;
    const name = this.name();
    if (!(name in ELEMENT_ATTRIBUTES)) this.fail(`unknown element <${name}>`, start);
    if (name === 'speak' && depth > 1) this.fail('<speak> may only be the root element', start);
    const attributes = this.attributes(name);
    const element: SsmlElement = { name, attributes, children: [] };
    if (this.source.startsWith('/>', this.position)) {
      this.position += 2;
      return element;
    }
    if (this.source[this.position] !== '>') this.fail(`malformed start tag <${name}>`);
    this.position++;
    this.content(element, depth);
    return element;
  }

  private name(): string {
    const match = /^[A-Za-z_][\w.:-]*/.exec(this.source.slice(this.position, this.position + 80));
    if (!match) this.fail('expected an element or attribute name');
    this.position += match[0].length;
    return match[0];
  }

  private attributes(element: string): Record<string, string> {
    const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
    for (;;) {
      const before = this.position;
      this.skipWhitespace();
      const next = this.source[this.position];
      if (next === undefined) this.fail(`unterminated start tag <${element}>`);
      if (next === '>' || next === '/') return attributes;
      if (before === this.position) this.fail(`expected whitespace before an attribute of <${element}>`);
      const at = this.position;
      const name = this.name();
      if (!ELEMENT_ATTRIBUTES[element]!.includes(name)) this.fail(`<${element}> has no attribute "${name}"`, at);
      if (name in attributes) this.fail(`duplicate attribute "${name}" on <${element}>`, at);
      this.skipWhitespace();
      if (this.source[this.position] !== '=') this.fail(`attribute "${name}" needs a value`);
      this.position++;
      this.skipWhitespace();
      const quote = this.source[this.position];
      if (quote !== '"' && quote !== "'") this.fail(`the value of "${name}" must be quoted`);
      const end = this.source.indexOf(quote, this.position + 1);
      if (end < 0) this.fail(`unterminated value of "${name}"`);
      const raw = this.source.slice(this.position + 1, end);
      if (raw.includes('<')) this.fail(`"<" in the value of "${name}" must be written &lt;`);
      attributes[name] = this.decode(raw, this.position + 1);
      this.position = end + 1;
    }
  }

  private content(element: SsmlElement, depth: number): void {
    for (;;) {
      const next = this.source.indexOf('<', this.position);
      if (next < 0) this.fail(`<${element.name}> is never closed`);
      if (next > this.position) element.children.push(this.decode(this.source.slice(this.position, next), this.position));
      this.position = next;
      if (this.source.startsWith('</', next)) {
        this.position += 2;
        const name = this.name();
        this.skipWhitespace();
        if (this.source[this.position] !== '>') this.fail(`malformed end tag </${name}>`);
        if (name !== element.name) this.fail(`</${name}> does not close <${element.name}>`, next);
        this.position++;
        return;
      }
      if (this.source.startsWith('<!--', next)) this.skipComment();
      else if (this.source.startsWith('<!', next) || this.source.startsWith('<?', next)) this.refuseDeclaration();
      else element.children.push(this.element(depth + 1));
    }
  }

  /** Text with its references resolved; an `&` that starts anything else is refused. */
  private decode(raw: string, offset: number): string {
    return raw.replace(/&([^;&\s]{0,32});?/g, (reference: string, body: string, index: number) => {
      const at = offset + index;
      if (!reference.endsWith(';')) this.fail('"&" must be written &amp;', at);
      if (body in PREDEFINED_ENTITIES) return PREDEFINED_ENTITIES[body]!;
      const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(body);
      if (!numeric) this.fail(`unknown entity &${body}; (only &amp; &lt; &gt; &quot; &apos; and numeric references)`, at);
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
      const allowed =
        code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff));
      if (!allowed) this.fail(`&${body}; is not a valid character`, at);
      return String.fromCodePoint(code);
    });
  }
}

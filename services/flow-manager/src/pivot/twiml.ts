import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One element of a TwiML document: its name, attributes, text and child elements in order. */
export interface TwimlNode {
  name: string;
  attributes: ReadonlyMap<string, string>;
  text: string;
  children: TwimlNode[];
}

export class TwimlError extends Error {}

/** TwiML is small; a document past this is refused before it is parsed. */
const MAX_TWIML_CHARS = 256 * 1024;
const MAX_DEPTH = 8;

/** The five entities XML predefines; a document can declare no others (DOCTYPE is refused). */
const PREDEFINED: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

// Entities are left to us: no DTD, so nothing expands past the predefined five and character references.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
});

/**
 * Reads a TwiML document into its `<Response>` element. Refuses, with the line where it
 * can, anything that is not well-formed XML, a DOCTYPE (the door to entity expansion
 * and external entities), and a root other than `<Response>`.
 */
export function parseTwiml(text: string): TwimlNode {
  if (text.length > MAX_TWIML_CHARS) throw new TwimlError(`the TwiML is longer than ${MAX_TWIML_CHARS} characters`);
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype) throw new TwimlError(`line ${lineAt(text, doctype.index)}: a DOCTYPE is not allowed in TwiML`);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new TwimlError(`line ${valid.err.line}: ${valid.err.msg}`);
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (error) {
    throw new TwimlError(error instanceof Error ? error.message : String(error));
  }
  const roots = (Array.isArray(parsed) ? parsed : []).map((entry) => nodeOf(entry, 0)).filter((node): node is TwimlNode => node !== undefined && node.name !== '#text');
  const root = roots[0];
  if (roots.length !== 1 || root?.name !== 'Response') throw new TwimlError('the root element must be <Response>');
  return root;
}

function nodeOf(entry: unknown, depth: number): TwimlNode | undefined {
  if (typeof entry !== 'object' || entry === null || depth > MAX_DEPTH) return undefined;
  const record = entry as Record<string, unknown>;
  const name = Object.keys(record).find((key) => key !== ':@');
  if (name === undefined) return undefined;
  if (name === '#text') return { name, attributes: new Map(), text: decode(String(record[name])), children: [] };
  const attributes = new Map<string, string>();
  const raw = record[':@'];
  if (typeof raw === 'object' && raw !== null) for (const [key, value] of Object.entries(raw)) attributes.set(key, decode(String(value)));
  const inner = Array.isArray(record[name]) ? (record[name] as unknown[]) : [];
  const nodes = inner.map((child) => nodeOf(child, depth + 1)).filter((node): node is TwimlNode => node !== undefined);
  return {
    name,
    attributes,
    text: nodes
      .filter((node) => node.name === '#text')
      .map((node) => node.text)
      .join(' '),
    children: nodes.filter((node) => node.name !== '#text'),
  };
}

/** Replaces the predefined entities and character references; anything else is kept as written. */
function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED.get(name) ?? whole;
  });
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

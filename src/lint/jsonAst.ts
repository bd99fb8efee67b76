import { fastParseTree } from './fastTree';
import { parseTree, printParseErrorCode, ParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

/** Offset and length of a piece of the document. */
export interface Span {
  offset: number;
  length: number;
}

export interface ParsedDocument {
  root: Node | undefined;
  /** The plain value of the document, when the fast path built it alongside the tree. */
  value?: unknown;
  /** Set when nesting is too deep to parse at all: the offset where it passes the limit. */
  tooDeepAt?: number;
  /** The text starts with a UTF-8 byte order mark (parsed as if it were a space). */
  bom?: true;
  /** Where the AWS CLI (Python's json module: no comments, no trailing commas) would fail. */
  errors: { error: ParseErrorCode; offset: number; length: number }[];
}

/**
 * Python's json module (the AWS CLI's) gives up near 1,000 levels of nesting, and jsonc-parser
 * recurses once per level: past this depth the document is not parsed at all.
 */
export const MAX_DEPTH = 1000;

/** The offset where nesting first passes MAX_DEPTH, or -1. Strings are skipped. */
function tooDeepAt(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return -1;
}

export function parseDocument(document: string): ParsedDocument {
  // The AWS CLI refuses a file that starts with a BOM; the engine says so, and the rest is linted
  // as if the BOM were white space (same length, so offsets stay put).
  if (document.charCodeAt(0) === 0xfeff) return { ...parseDocument(` ${document.slice(1)}`), bom: true };
  const text = document;
  // Strict JSON nested no deeper than MAX_DEPTH, in one pass; anything else is looked at again.
  const fast = fastParseTree(text, MAX_DEPTH);
  if (fast) return { root: fast.root, value: fast.value, errors: [] };
  const deep = tooDeepAt(text);
  if (deep >= 0) return { root: undefined, errors: [], tooDeepAt: deep };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  return { root, errors: errors.map((e) => ({ error: e.error, offset: e.offset, length: e.length })) };
}

/** A message for a parse error that says what the CLI will do and how to fix it. */
export function describeParseError(code: ParseErrorCode, text: string, offset: number): string {
  switch (code) {
    case ParseErrorCode.InvalidCommentToken:
      return 'Comments are not JSON: the AWS CLI cannot read this file. Remove the comment.';
    case ParseErrorCode.PropertyNameExpected:
    case ParseErrorCode.ValueExpected:
      if (isAfterComma(text, offset))
        return 'Trailing comma: the AWS CLI cannot read this file. Remove the comma before the closing bracket.';
      return `${printParseErrorCode(code)}: the AWS CLI cannot read this file. Add the missing ${code === ParseErrorCode.ValueExpected ? 'value' : 'property name in double quotes'}.`;
    case ParseErrorCode.CommaExpected:
      return 'Comma expected between items: the AWS CLI cannot read this file. Add a comma.';
    case ParseErrorCode.ColonExpected:
      return 'Colon expected after the property name: the AWS CLI cannot read this file.';
    case ParseErrorCode.CloseBraceExpected:
      return 'Closing brace "}" expected: the AWS CLI cannot read this file.';
    case ParseErrorCode.CloseBracketExpected:
      return 'Closing bracket "]" expected: the AWS CLI cannot read this file.';
    case ParseErrorCode.EndOfFileExpected:
      return 'Only one JSON value is allowed per file: the AWS CLI cannot read this file. Remove what follows it.';
    case ParseErrorCode.InvalidSymbol:
      return 'Invalid symbol: the AWS CLI cannot read this file. Strings and property names take double quotes.';
    case ParseErrorCode.UnexpectedEndOfString:
      return 'Unterminated string: the AWS CLI cannot read this file. Close it with a double quote.';
    case ParseErrorCode.InvalidEscapeCharacter:
    case ParseErrorCode.InvalidUnicode:
      return 'Invalid escape in a string: the AWS CLI cannot read this file.';
    case ParseErrorCode.InvalidCharacter:
      return 'Invalid character in a string (control characters must be escaped): the AWS CLI cannot read this file.';
    default:
      return `${printParseErrorCode(code)}: the AWS CLI cannot read this file.`;
  }
}

function isAfterComma(text: string, offset: number): boolean {
  // A comment may lie between the comma and the bracket; skip white space only.
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i] ?? '')) i--;
  return text[i] === ',' && (text[offset] === '}' || text[offset] === ']');
}

/**
 * Values a template leaves to deployment (UnknownNode, ./formats/types.ts) read as unknown all the
 * way down, so that no rule takes them for missing, empty or wrong: a property of an unknown value
 * is unknown (`valueOf`), an unknown list has one unknown element (`elements`) and an unknown
 * mapping one unknown entry (`properties`). Counts stay at least what the file writes literally,
 * and only literal values are ever checked. Plain JSON has no unknown nodes.
 */
function unknown(node: Node | undefined): boolean {
  return (node as { unknown?: unknown } | undefined)?.unknown === true;
}

/** The property node (key and value) named `name` in an object node. */
export function propertyNode(obj: Node | undefined, name: string): Node | undefined {
  if (!obj || obj.type !== 'object' || !obj.children) return undefined;
  // JSON allows duplicate keys; the CLI (Python) keeps the last one, and so do we: search from the end.
  const props = obj.children;
  for (let i = props.length - 1; i >= 0; i--) {
    const p = props[i]!;
    if (p.children?.[0]?.value === name) return p;
  }
  return undefined;
}

/** The value node of property `name`. */
export function valueOf(obj: Node | undefined, name: string): Node | undefined {
  if (unknown(obj)) return obj;
  return propertyNode(obj, name)?.children?.[1];
}

/** The key node of property `name`. */
export function keyOf(obj: Node | undefined, name: string): Node | undefined {
  return propertyNode(obj, name)?.children?.[0];
}

export function properties(obj: Node | undefined): { key: Node; value: Node | undefined; name: string }[] {
  if (obj && unknown(obj)) return [{ key: obj, value: obj, name: '' }];
  if (!obj || obj.type !== 'object' || !obj.children) return [];
  const out: { key: Node; value: Node | undefined; name: string }[] = [];
  for (const p of obj.children) {
    const key = p.children?.[0];
    if (key && typeof key.value === 'string') out.push({ key, value: p.children?.[1], name: key.value });
  }
  return out;
}

export function elements(arr: Node | undefined): Node[] {
  if (arr && unknown(arr)) return [arr];
  return arr?.type === 'array' ? (arr.children ?? []) : [];
}

export function span(node: Node): Span {
  return { offset: node.offset, length: node.length };
}

/**
 * The span to underline for a whole object: its key when it is a property value (`"Lifecycle": {…}`),
 * otherwise its opening brace, so a missing-property error never paints a whole file red.
 */
export function objectAnchor(node: Node): Span {
  const parent = node.parent;
  if (parent?.type === 'property' && parent.children?.[1] === node && parent.children[0])
    return span(parent.children[0]);
  return { offset: node.offset, length: 1 };
}

export function numberValue(node: Node | undefined): number | undefined {
  return node?.type === 'number' && typeof node.value === 'number' ? node.value : undefined;
}

export function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

export function booleanValue(node: Node | undefined): boolean | undefined {
  return node?.type === 'boolean' && typeof node.value === 'boolean' ? node.value : undefined;
}

/** An edit that removes a property (key through value) with the comma that joins it to a neighbour. */
export function removalEdit(prop: Node): { offset: number; length: number; newText: string } {
  const obj = prop.parent;
  const siblings = obj?.children ?? [];
  const i = siblings.indexOf(prop);
  let start = prop.offset;
  let end = prop.offset + prop.length;
  const next = siblings[i + 1];
  const prev = siblings[i - 1];
  if (next) {
    end = next.offset;
  } else if (prev) {
    start = prev.offset + prev.length;
  } else {
    // The only property: keep the braces, drop what is between them.
    const open = obj ? obj.offset + 1 : start;
    const close = obj ? obj.offset + obj.length - 1 : end;
    return { offset: open, length: Math.max(0, close - open), newText: '' };
  }
  return { offset: start, length: end - start, newText: '' };
}

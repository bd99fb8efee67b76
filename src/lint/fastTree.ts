import type { Node } from 'jsonc-parser';

/**
 * A strict JSON parser that builds the same tree as jsonc-parser's `parseTree` (same node types,
 * offsets, lengths, `colonOffset`, parent links) and the plain value alongside it, in one pass.
 *
 * Why by hand: linting a 20,000-rule plan spent more time building jsonc-parser's tree (and then
 * walking it again for the value) than the rules took. This parser handles only text that
 * Python's json module would accept too (no comments, no trailing commas); on anything else it
 * returns undefined and the caller uses jsonc-parser, which is tolerant and reports the errors.
 * A unit test checks that both produce identical trees on many documents.
 */
export interface FastParse {
  root: Node;
  value: unknown;
}

/** jsonc-parser's Node, writable while it is being built. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type BuildNode = Mutable<Node>;

class Fail extends Error {}
const FAIL = new Fail();

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * `maxDepth`: objects and arrays nested deeper than this make it return undefined (the caller then
 * reports the nesting), so a document it parses needs no separate depth check.
 */
export function fastParseTree(text: string, maxDepth = Infinity): FastParse | undefined {
  const p = new Parser(text, maxDepth);
  try {
    const root = p.value(undefined);
    const v = p.last;
    p.ws();
    if (p.i !== text.length) return undefined;
    delete (root as { parent?: Node }).parent;
    return { root, value: v };
  } catch (e) {
    if (e === FAIL || e instanceof RangeError) return undefined; // RangeError: nesting too deep for recursion
    throw e;
  }
}

/** One pass over the text: the position, the nesting, and the value of the node just built. */
class Parser {
  i = 0;
  private depth = 0;
  /** The value of the node `value()` just returned (a side channel: no tuple per node). */
  last: unknown;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  ws(): void {
    const text = this.text;
    let i = this.i;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.i = i;
  }

  private str(): string {
    // At the opening quote.
    const text = this.text;
    const n = text.length;
    const start = this.i;
    let i = start + 1;
    let escaped = false;
    for (;;) {
      if (i >= n) throw FAIL;
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c < 32) throw FAIL;
      i++;
    }
    i++;
    this.i = i;
    if (!escaped) return text.slice(start + 1, i - 1);
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      throw FAIL;
    }
  }

  value(parent: Node | undefined): BuildNode {
    this.ws();
    const text = this.text;
    const c = text.charCodeAt(this.i);
    const offset = this.i;
    if (c === 123) return this.object(offset, parent);
    if (c === 91) return this.array(offset, parent);
    if (c === 34) {
      const s = this.str();
      this.last = s;
      return { type: 'string', value: s, offset, length: this.i - offset, parent };
    }
    if (c === 116 && text.startsWith('true', offset)) return this.literal(true, 4, parent);
    if (c === 102 && text.startsWith('false', offset)) return this.literal(false, 5, parent);
    if (c === 110 && text.startsWith('null', offset)) return this.literal(null, 4, parent);
    NUMBER.lastIndex = offset;
    const m = NUMBER.exec(text);
    if (!m) throw FAIL;
    this.i += m[0].length;
    const num = Number(m[0]);
    this.last = num;
    return { type: 'number', value: num, offset, length: m[0].length, parent };
  }

  private literal(value: boolean | null, length: number, parent: Node | undefined): BuildNode {
    const offset = this.i;
    this.i += length;
    this.last = value;
    return { type: value === null ? 'null' : 'boolean', value, offset, length, parent };
  }

  /** At `{`. */
  private object(offset: number, parent: Node | undefined): BuildNode {
    const text = this.text;
    if (++this.depth > this.maxDepth) throw FAIL;
    const node: BuildNode = { type: 'object', offset, length: -1, parent, children: [] };
    const obj: Record<string, unknown> = {};
    this.i++;
    this.ws();
    if (text.charCodeAt(this.i) === 125) {
      this.i++;
      return this.close(node, obj);
    }
    for (;;) {
      this.ws();
      if (text.charCodeAt(this.i) !== 34) throw FAIL;
      const keyOffset = this.i;
      const key = this.str();
      const prop: BuildNode = { type: 'property', offset: keyOffset, length: -1, parent: node, children: [] };
      prop.children!.push({
        type: 'string',
        value: key,
        offset: keyOffset,
        length: this.i - keyOffset,
        parent: prop,
      });
      this.ws();
      if (text.charCodeAt(this.i) !== 58) throw FAIL;
      prop.colonOffset = this.i;
      this.i++;
      const v = this.value(prop);
      const val = this.last;
      prop.children!.push(v);
      prop.length = v.offset + v.length - keyOffset;
      node.children!.push(prop);
      if (key === '__proto__')
        Object.defineProperty(obj, key, { value: val, enumerable: true, configurable: true, writable: true });
      else obj[key] = val;
      this.ws();
      const d = text.charCodeAt(this.i);
      this.i++;
      if (d === 44) continue;
      if (d === 125) break;
      throw FAIL;
    }
    return this.close(node, obj);
  }

  /** At `[`. */
  private array(offset: number, parent: Node | undefined): BuildNode {
    const text = this.text;
    if (++this.depth > this.maxDepth) throw FAIL;
    const node: BuildNode = { type: 'array', offset, length: -1, parent, children: [] };
    const arr: unknown[] = [];
    this.i++;
    this.ws();
    if (text.charCodeAt(this.i) === 93) {
      this.i++;
      return this.close(node, arr);
    }
    for (;;) {
      const v = this.value(node);
      node.children!.push(v);
      arr.push(this.last);
      this.ws();
      const d = text.charCodeAt(this.i);
      this.i++;
      if (d === 44) continue;
      if (d === 93) break;
      throw FAIL;
    }
    return this.close(node, arr);
  }

  /** After the closing bracket of an object or array: its length, its value, one level up. */
  private close(node: BuildNode, value: unknown): BuildNode {
    node.length = this.i - node.offset;
    this.last = value;
    this.depth--;
    return node;
  }
}

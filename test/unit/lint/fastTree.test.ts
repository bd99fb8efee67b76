import { strict as assert } from 'node:assert';
import { getNodeValue, parseTree, type Node } from 'jsonc-parser';
import { fastParseTree } from '../../../src/lint/fastTree';
import { generatePlan } from '../../../bench/planGenerator';
import { mutate, randomJson, rng } from './fuzzSupport';

/** A node without parent links, for comparison. */
function strip(n: Node | undefined): unknown {
  if (!n) return n;
  return {
    type: n.type,
    offset: n.offset,
    length: n.length,
    value: n.value as unknown,
    colonOffset: n.colonOffset,
    children: n.children?.map(strip),
  };
}

function checkParents(n: Node): void {
  for (const c of n.children ?? []) {
    assert.equal(c.parent, n);
    checkParents(c);
  }
}

describe('fast strict JSON tree', () => {
  it('builds exactly the tree and value jsonc-parser does, on plans and random JSON', () => {
    const next = rng(7);
    const texts = [
      generatePlan(50),
      '{}',
      '[]',
      '""',
      '0',
      '-1.5e+3',
      'true',
      'null',
      '{"a\\u00e9\\n":"\\"x\\""}',
      ' \r\n {"a" : [ 1 , {"b":null} ] } \n',
    ];
    for (let i = 0; i < 300; i++) texts.push(JSON.stringify(randomJson(next, 4), null, i % 3));
    for (const text of texts) {
      const fast = fastParseTree(text);
      assert.ok(fast, `fast path refused valid JSON: ${text.slice(0, 80)}`);
      const slow = parseTree(text, []);
      assert.deepEqual(strip(fast.root), strip(slow), text.slice(0, 80));
      assert.equal(JSON.stringify(fast.value), JSON.stringify(getNodeValue(slow!)));
      checkParents(fast.root);
    }
  });

  it('hands anything the AWS CLI would not read to the tolerant parser', () => {
    for (const text of [
      '{"a":1,}',
      '{"a":1 // c\n}',
      "{'a':1}",
      '{"a":01}',
      '{"a":1} x',
      '',
      '[1,]',
      '{"a":"\u0001"}',
      'NaN',
      '{"a" 1}',
    ])
      assert.equal(fastParseTree(text), undefined, JSON.stringify(text));
    const next = rng(11);
    for (let i = 0; i < 500; i++) {
      const text = mutate(JSON.stringify(randomJson(next, 3)), next);
      const fast = fastParseTree(text);
      const errors: unknown[] = [];
      const slow = parseTree(text, errors as never[], {
        disallowComments: true,
        allowTrailingComma: false,
        allowEmptyContent: false,
      });
      if (fast) {
        assert.deepEqual(errors, [], `fast accepted what jsonc-parser rejects: ${JSON.stringify(text)}`);
        assert.deepEqual(strip(fast.root), strip(slow));
      }
    }
  });
});

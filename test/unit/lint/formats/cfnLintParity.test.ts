import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { lint } from '../../../../src/lint';
import { LineIndex } from '../../../../src/lint/position';
import { TEMPLATE_DIR, TEMPLATES } from './templateFixtures';

const FIXTURES = TEMPLATE_DIR;

/** cfn-lint's rules that can fire on AWS::Backup properties, and the project's codes for the same. */
const OURS: Readonly<Record<string, readonly string[]>> = {
  E0000: ['CFN003'], // template cannot be parsed
  E3002: ['CFN001'], // additional property
  E3003: ['SCHEMA002', 'CFN002'], // required property
  E3012: ['SCHEMA003'], // type
  E3030: ['SCHEMA004'], // enum
  E3031: ['SCHEMA004'], // pattern
  E3033: ['SCHEMA004'], // string length
  E3034: ['SCHEMA004'], // number range
  E1156: ['SEL003'], // IamRoleArn format
  E3511: ['SEL003'], // IamRoleArn pattern
  E3504: ['PLAN003'], // 90 days between cold storage and deletion
};

interface CfnLintMatch {
  Filename: string;
  Rule: { Id: string };
  Message: string;
  Location: { Start: { LineNumber: number }; Path?: (string | number)[] | null };
}

function cfnLint(files: string[]): CfnLintMatch[] | undefined {
  const r = spawnSync('cfn-lint', ['--format', 'json', ...files], {
    cwd: FIXTURES,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (r.error) return undefined;
  return JSON.parse(r.stdout || '[]') as CfnLintMatch[];
}

/** The resource type of the logical ID a cfn-lint path starts with. */
function resourceType(file: string, path: CfnLintMatch['Location']['Path']): string | undefined {
  if (!path || path[0] !== 'Resources' || typeof path[1] !== 'string') return undefined;
  const text = readFileSync(join(FIXTURES, file), 'utf8');
  const doc = (file.endsWith('.json') ? JSON.parse(text) : parseDocument(text).toJS()) as {
    Resources: Record<string, { Type?: string }>;
  };
  return doc.Resources[path[1]]?.Type;
}

describe('cfn-lint and pitr-lint on the same templates', () => {
  it('every AWS::Backup finding of cfn-lint is reported too, by its own code, on the same line; and the PITR ones besides', function () {
    this.timeout(200_000);
    const theirs = cfnLint([...TEMPLATES]);
    if (!theirs) {
      console.log(
        '      (skipped: cfn-lint is not on the PATH; pip install cfn-lint to run this comparison)',
      );
      this.skip();
    }
    let compared = 0;
    for (const m of theirs) {
      const file = m.Filename.replace(/\\/g, '/');
      if (!resourceType(file, m.Location.Path)?.startsWith('AWS::Backup::')) continue;
      const codes = OURS[m.Rule.Id];
      assert.ok(codes, `cfn-lint's ${m.Rule.Id} (${m.Message}) has no counterpart here`);
      const text = readFileSync(join(FIXTURES, file), 'utf8');
      const index = new LineIndex(text);
      const ours = lint({ text, fileName: file })!.findings.filter(
        (f) => codes.includes(f.code) && index.position(f.offset).line + 1 === m.Location.Start.LineNumber,
      );
      assert.ok(
        ours.length > 0,
        `${file}:${m.Location.Start.LineNumber}: cfn-lint ${m.Rule.Id} "${m.Message}" not reported as ${codes.join(' or ')}`,
      );
      compared++;
    }
    assert.ok(compared >= 10, `only ${compared} cfn-lint findings on AWS::Backup resources compared`);
    // What cfn-lint cannot know: the seminar's plan breaks five more rules than its one.
    const seminar = readFileSync(join(FIXTURES, 'seminar.yaml'), 'utf8');
    const seminarTheirs = theirs.filter((m) => m.Filename === 'seminar.yaml').map((m) => m.Rule.Id);
    assert.deepEqual(seminarTheirs, ['E3504']);
    assert.deepEqual(
      lint({ text: seminar, fileName: 'seminar.yaml' })!
        .findings.map((f) => f.code)
        .filter((c) => c.startsWith('PITR') || c.startsWith('PLAN')),
      ['PLAN001', 'PLAN002', 'PITR003', 'PITR002', 'PLAN003', 'PITR004'],
    );
  });
});

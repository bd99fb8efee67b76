import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { ESLint } from 'eslint';

/**
 * The record per type is the one place a resource type's name and the 35-day continuous-retention
 * limit are written (eslint.config.mjs, `no-restricted-syntax`): a planted literal anywhere else in
 * src/ is reported, and the same text in the record's folder or the emulator's seed data is not.
 */
describe('type names and the 35-day limit only in the record per type', function () {
  this.timeout(60_000);
  const root = join(__dirname, '..', '..', '..');
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-syntax',
  });
  const reported = async (filePath: string, source: string): Promise<string[]> =>
    (await eslint.lintText(`${source}\nexport {};\n`, { filePath }))[0]!.messages.map((m) => m.message);

  const planted: [string, string][] = [
    ['src/restore/x.ts', "const isBucket = (t: string) => t === 'S3';"],
    ['src/lint/x.ts', "const types = ['RDS', 'Aurora'];"],
    ['src/posture/x.ts', 'const lag = { S3: 15 };'],
    ['src/lifecycle/x.ts', 'const t = `DynamoDB`;'],
    ['src/explorer/x.ts', "const m = 'An Aurora restore creates the cluster only';"],
    ['src/deploy/x.ts', 'const m = (n: string) => `restores the S3 bucket ${n}`;'],
    ['src/emulator/handlers/x.ts', "const isBucket = (t: string) => t === 'S3';"],
    ['src/lint/x.ts', 'const max = 35;'],
    ['src/lint/x.ts', "const m = 'Continuous backups are kept 1 to 35 days.';"],
    ['src/lint/x.ts', 'const m = (d: number) => `retention ${d} is under 35 days`;'],
    ['src/restore/x.ts', "const t = 'SAP HANA on Amazon EC2';"],
  ];
  for (const [file, source] of planted)
    it(`reports ${file}: ${source}`, async () => {
      const messages = await reported(file, source);
      assert.ok(messages.length >= 1, source);
      assert.match(messages[0]!, /record per type \(src\/backup\/resourceTypes\.ts\)/);
    });

  const allowed: [string, string][] = [
    ['src/backup/resourceTypes/x.ts', "const name = 'S3';\nconst max = 35;"],
    ['src/backup/resourceTypes.ts', "const names = ['RDS', 'Aurora'];"],
    ['src/emulator/seed.ts', "const type = 'S3';"],
    ['src/emulator/seedPosture.ts', "const type = 'Aurora';"],
    ['src/restore/x.ts', "const enc = ['original', 'SSE-S3', 'SSE-KMS'];"],
    ['src/restore/x.ts', "import { S3 } from '../backup/resourceTypes';\nconst m = `An ${S3.name} restore`;"],
    ['src/lint/x.ts', 'const m = (max: number) => `kept at most ${max} days`;\nconst port = 65535;'],
    ['src/lint/x.ts', '// An S3 bucket keeps 35 days: comments are prose.\nconst n = 350;'],
  ];
  for (const [file, source] of allowed)
    it(`accepts ${file}: ${source.split('\n').join(' ')}`, async () => {
      assert.deepEqual(await reported(file, source), []);
    });
});

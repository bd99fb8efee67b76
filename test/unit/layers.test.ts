import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import * as ts from 'typescript';

/** The project's ESLint config with one rule, without type information (the files need not exist). */
function onlyRule(rule: string): ESLint {
  return new ESLint({
    cwd: join(__dirname, '..', '..', '..'),
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
    ruleFilter: ({ ruleId }) => ruleId === rule,
  });
}

/**
 * The import rule that keeps the layers (eslint.config.mjs): each wrong import below is reported,
 * and each right one is not. Only `no-restricted-imports` runs, without type information, so the
 * files need not exist.
 */
describe('the layers, kept by the import rule', function () {
  this.timeout(60_000);
  const eslint = onlyRule('no-restricted-imports');

  async function reported(filePath: string, source: string): Promise<string[]> {
    const [result] = await eslint.lintText(`${source}\nexport {};\n`, { filePath });
    return result!.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
  }

  const wrong: [string, string][] = [
    ['src/backup/x.ts', "import { lint } from '../lint/engine';"],
    ['src/backup/x.ts', "import type { BackupApi } from '../aws/backupApi';"],
    ['src/backup/x.ts', "import * as vscode from 'vscode';"],
    ['src/backup/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src/backup/x.ts', "import { BackupClient } from '@aws-sdk/client-backup';"],
    ['src/lint/x.ts', "import * as vscode from 'vscode';"],
    ['src/lint/x.ts', "import { runRestoreWizard } from '../restore/wizard';"],
    ['src/lint/x.ts', "import type { BackupApi } from '../aws/backupApi';"],
    ['src/lint/x.ts', "import { ErrorNode } from '../explorer/nodes/base';"],
    ['src/explorer/x.ts', "import { runRestoreWizard } from '../restore/wizard';"],
    ['src/explorer/x.ts', "import type { LintDiagnostics } from '../lint/editor/diagnostics';"],
    ['src/explorer/x.ts', "import * as vscode from 'vscode';"],
    ['src/restore/x.ts', "import type { ExplorerNode } from '../explorer/nodes/base';"],
    ['src/restore/editor/x.ts', "import type { ConnectionManager } from '../../explorer/connectionManager';"],
    ['src/restore/editor/x.ts', "import { readLintSettings } from '../../lint/editor/settings';"],
    ['src/restore/x.ts', "import * as vscode from 'vscode';"],
    ['src/cli/x.ts', "import { runRestoreWizard } from '../restore/wizard';"],
    ['src/cli/x.ts', "import * as vscode from 'vscode';"],
    ['src/lint/editor/x.ts', "import { runRestoreWizard } from '../../restore/wizard';"],
    ['src/aws/x.ts', "import { checkBeforeStart } from '../restore/startGate';"],
    ['src/aws/x.ts', "import { liveCheck } from '../lint/live';"],
    ['src/aws/x.ts', "import * as vscode from 'vscode';"],
    ['src/aws/x.ts', "import { postureRows } from '../posture/compute';"],
    ['src/posture/x.ts', "import { runRestoreWizard } from '../restore/wizard';"],
    ['src/posture/x.ts', "import * as vscode from 'vscode';"],
    ['src/posture/editor/x.ts', "import type { ExplorerNode } from '../../explorer/nodes/base';"],
    ['src/explorer/x.ts', "import { postureRows } from '../posture/compute';"],
    ['src/x.ts', "import * as vscode from 'vscode';"],
    ['src/lifecycle/x.ts', "import * as vscode from 'vscode';"],
    ['src/lifecycle/x.ts', "import type { RecoveryPointNode } from '../explorer/nodes/vault';"],
    ['src/lifecycle/editor/x.ts', "import type { RestoreFeature } from '../../restore/editor/register';"],
    ['src/explorer/x.ts', "import { consequencesOf } from '../lifecycle/consequences';"],
    ['src/restore/x.ts', "import { runStopOrDelete } from '../lifecycle/stopOrDelete';"],
    ['src/aws/x.ts', "import type { LifecycleUi } from '../lifecycle/stopOrDelete';"],
    ['src/deploy/x.ts', "import * as vscode from 'vscode';"],
    ['src/deploy/x.ts', "import { PlanNode } from '../explorer/nodes/plan';"],
    ['src/deploy/editor/x.ts', "import { registerRestore } from '../../restore/editor/register';"],
    ['src/explorer/x.ts', "import { gate } from '../deploy/gate';"],
    ['src/cli/x.ts', "import { renderPosture } from '../posture/format';"],
    ['src/ui/x.ts', "import { PosturePanel } from '../posture/editor/panel';"],
    ['src/posture/x.ts', "import { registerStopDelete } from '../lifecycle/editor/stopDeleteCommands';"],
    ['src/emulator/x.ts', "import { BackupApi } from '../aws/backupApi';"],
    ['src/emulator/handlers/x.ts', "import { LOCAL_EMULATOR_DEFAULT_URL } from '../../aws/localEmulator';"],
    ['src/emulator/x.ts', "import { lint } from '../lint/engine';"],
    ['src/emulator/x.ts', "import * as vscode from 'vscode';"],
    ['src/aws/x.ts', "import type { startEmulator } from '../emulator/server';"],
    ['src/aws/x.ts', "import { loadBundle } from '../bundles';"],
    ['src/aws/x.ts', "import { RESTORE_JOBS_KEY } from '../stateKeys';"],
    ['src/cli/x.ts', "import { registerExplorer } from '../explorer/register';"],
  ];
  for (const [file, source] of wrong)
    it(`reports ${file}: ${source}`, async () => {
      const messages = await reported(file, source);
      assert.equal(messages.length, 1, messages.join('\n'));
      assert.match(messages[0]!, /^no-restricted-imports: /);
    });

  const right: [string, string][] = [
    ['src/backup/x.ts', "import { parseArn } from './arn';"],
    ['src/lint/x.ts', "import { isContinuousRecoveryPointArn } from '../backup/recoveryPoint';"],
    ['src/lint/x.ts', "import { lint } from './engine';"],
    ['src/lint/x.ts', "import plan from '../../schemas/backup-plan.schema.json';"],
    ['src/lint/editor/x.ts', "import * as vscode from 'vscode';\nimport { lint } from '../engine';"],
    ['src/explorer/treeProvider.ts', "import * as vscode from 'vscode';"],
    ['src/explorer/x.ts', "import { windowOfRecoveryPoint } from '../backup/restorableWindow';"],
    ['src/explorer/x.ts', "import type { BackupApi } from '../aws/backupApi';"],
    ['src/restore/x.ts', "import { lint } from '../lint/engine';"],
    [
      'src/restore/editor/x.ts',
      "import * as vscode from 'vscode';\nimport { runRestoreWizard } from '../wizard';",
    ],
    ['src/cli/x.ts', "import { lint } from '../lint/engine';"],
    ['src/aws/x.ts', "import type { LiveFacts } from '../lint/live';"],
    ['src/aws/settings.ts', "import * as vscode from 'vscode';"],
    ['src/posture/x.ts', "import { readPosture } from '../aws/postureApi';"],
    [
      'src/posture/editor/x.ts',
      "import * as vscode from 'vscode';\nimport { postureRows } from '../compute';",
    ],
    [
      'src/awsFeatures.ts',
      "import * as vscode from 'vscode';\nimport { registerRestore } from './restore/editor/register';",
    ],
    ['src/extension.ts', "import * as vscode from 'vscode';"],
    ['src/lifecycle/x.ts', "import type { BackupApi } from '../aws/backupApi';"],
    [
      'src/lifecycle/editor/x.ts',
      "import * as vscode from 'vscode';\nimport { runStopOrDelete } from '../stopOrDelete';",
    ],
    ['src/deploy/x.ts', "import { lint } from '../lint';\nimport { PlanApi } from '../aws/planApi';"],
    ['src/deploy/editor/x.ts', "import * as vscode from 'vscode';\nimport { gate } from '../gate';"],
    ['src/emulator/x.ts', "import { parseArn } from '../backup/arn';"],
    [
      'src/emulator/handlers/x.ts',
      "import { S3 } from '../../backup/resourceTypes';\nimport { invalid } from '../errors';",
    ],
    ['src/emulator/x.ts', "import model from '../../schemas/aws-backup-model/service-2.json';"],
    ['src/aws/x.ts', "import { LOCAL_EMULATOR_CREDENTIALS } from '../backup/emulatorKeys';"],
    ['src/cli/x.ts', "import { messageOf } from '../backup/text';"],
    ['src/restore/editor/x.ts', "import type { ConnectionManager } from '../../aws/connectionManager';"],
    [
      'src/explorer/timelinePanel.ts',
      "import * as vscode from 'vscode';\nimport { strictPage } from '../ui/webviewPage';",
    ],
  ];
  for (const [file, source] of right)
    it(`accepts ${file}: ${source.split('\n').join(' ')}`, async () => {
      assert.deepEqual(await reported(file, source), []);
    });
});

describe('the size of a source file, kept by ESLint', function () {
  this.timeout(60_000);
  const eslint = onlyRule('max-lines');
  const lines = (n: number): string =>
    `${Array.from({ length: n - 1 }, (_, i) => `// ${i}`).join('\n')}\nexport {};\n`;
  const rules = async (filePath: string, n: number): Promise<string[]> =>
    (await eslint.lintText(lines(n), { filePath }))[0]!.messages.map((m) => m.ruleId ?? 'parse');

  it('reports a file of src/ over 500 lines, and not one of 500', async () => {
    assert.deepEqual(await rules('src/restore/x.ts', 501), ['max-lines']);
    assert.deepEqual(await rules('src/restore/x.ts', 500), []);
  });
});

describe('the length of a function, kept by ESLint (issue 22)', function () {
  this.timeout(60_000);
  const eslint = onlyRule('max-lines-per-function');
  /** A function of `n` lines in all (its body n - 2 statements). */
  const fn = (n: number): string =>
    `export function f(): number {\n  let x = 0;\n${Array.from({ length: n - 4 }, () => '  x++;').join('\n')}\n  return x;\n}\n`;
  const rules = async (filePath: string, n: number): Promise<string[]> =>
    (await eslint.lintText(fn(n), { filePath }))[0]!.messages.map((m) => m.ruleId ?? 'parse');

  it('reports a function of src/ over 120 lines, and not one of 120', async () => {
    assert.deepEqual(await rules('src/deploy/x.ts', 121), ['max-lines-per-function']);
    assert.deepEqual(await rules('src/deploy/x.ts', 120), []);
  });
});

/** Every .ts file below `dir`, as absolute paths. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * The import graph of `files`: each file's relative imports (static, `import type`, re-exports,
 * `import()` and `require`), resolved as TypeScript and esbuild resolve them. Imports of packages
 * and of files outside `files` are left out: a cycle runs through our own files.
 */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const resolveImport = (from: string, spec: string): string | undefined => {
    const base = resolve(dirname(from), spec);
    return [base, `${base}.ts`, `${base}.d.ts`, join(base, 'index.ts')].find((c) => known.has(c));
  };
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((i) => i.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => resolveImport(file, spec))
      .filter((t): t is string => t !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The import cycles of a graph: each set of files that import one another in a loop (Tarjan). */
function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

describe('no import cycles', () => {
  const root = join(__dirname, '..', '..', '..');

  it('no two files of src/, bench/ or test/ import each other in a loop (type imports included)', () => {
    const files = ['src', 'bench', 'test'].flatMap((d) => sourceFiles(join(root, d)));
    assert.ok(files.length > 100 && files.some((f) => f.endsWith(join('src', 'extension.ts'))));
    const graph = importGraph(files);
    assert.ok([...graph.values()].reduce((n, t) => n + t.length, 0) > files.length, 'the imports were read');
    const cycles = importCycles(graph).map((c) => c.map((f) => relative(root, f)).join(' → '));
    assert.deepEqual(cycles, [], `import cycles:\n${cycles.join('\n')}`);
  });

  it('no two folders of src/ import each other in a loop, through any of their files (type imports included)', () => {
    const src = join(root, 'src');
    const files = sourceFiles(src);
    const folderOf = (f: string): string => {
      const parts = relative(src, f).split(/[\\/]/);
      return parts.length > 1 ? parts[0]! : '(root)';
    };
    const folders = new Map<string, Set<string>>();
    for (const [from, targets] of importGraph(files))
      for (const to of targets)
        if (folderOf(from) !== folderOf(to))
          folders.set(folderOf(from), (folders.get(folderOf(from)) ?? new Set()).add(folderOf(to)));
    assert.ok(folders.get('restore')?.has('backup'), 'the folder graph was read');
    const graph = new Map([...folders].map(([k, v]) => [k, [...v]]));
    const loops = importCycles(graph).map((c) => c.join(' → '));
    assert.deepEqual(loops, [], `import loops between folders of src/:\n${loops.join('\n')}`);
    // The same check finds the loop the AWS layer and the emulator once made.
    assert.equal(
      importCycles(
        new Map([
          ['aws', ['emulator']],
          ['emulator', ['aws']],
        ]),
      ).length,
      1,
    );
  });

  it('the check finds a loop: two files, three files, a type-only import, a file importing itself', () => {
    const dir = join(root, 'src', 'backup');
    const f = (name: string): string => join(dir, `${name}.ts`);
    assert.ok(existsSync(dir));
    assert.deepEqual(
      importCycles(
        new Map([
          [f('a'), [f('b')]],
          [f('b'), [f('a')]],
          [f('c'), [f('d')]],
          [f('d'), [f('e')]],
          [f('e'), [f('c')]],
          [f('self'), [f('self')]],
          [f('leaf'), []],
          [f('tree'), [f('leaf'), f('a')]],
        ]),
      ),
      [[f('a'), f('b')], [f('c'), f('d'), f('e')], [f('self')]],
    );
    // The graph reads `import type` and `export … from` as imports too.
    const { importedFiles } = ts.preProcessFile(
      "import type { A } from './a';\nexport { b } from './b';\nconst c = import('./c');",
      true,
      true,
    );
    assert.deepEqual(
      importedFiles.map((i) => i.fileName),
      ['./a', './b', './c'],
    );
  });
});

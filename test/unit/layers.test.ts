import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { ESLint } from 'eslint';

/**
 * The import rule that keeps the layers (eslint.config.mjs): each wrong import below is reported,
 * and each right one is not. Only `no-restricted-imports` runs, without type information, so the
 * files need not exist.
 */
describe('the layers, kept by the import rule', function () {
  this.timeout(60_000);
  const eslint = new ESLint({
    cwd: join(__dirname, '..', '..', '..'),
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  });

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
  ];
  for (const [file, source] of right)
    it(`accepts ${file}: ${source.split('\n').join(' ')}`, async () => {
      assert.deepEqual(await reported(file, source), []);
    });
});

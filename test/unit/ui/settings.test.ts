import { strict as assert } from 'node:assert';
import pkg from '../../../package.json';
import { pickSetting, SETTINGS, type SettingKey } from '../../../src/ui/settingsTable';

const PREFIX = 'awsBackupPitr.';
const KEYS = Object.keys(SETTINGS) as SettingKey[];
const MACHINE = KEYS.filter((k) => SETTINGS[k].scope === 'machine');

/** A value of the setting's own type that is not its default (so taking it shows). */
function another(key: SettingKey): unknown {
  const d: unknown = SETTINGS[key].default;
  if (typeof d === 'boolean') return !d;
  if (typeof d === 'number') return SETTINGS[key].scope === 'machine' ? 2 : 7;
  if (typeof d === 'string') return 'from-the-workspace';
  if (Array.isArray(d)) return ['from-the-workspace'];
  return { S3: 'from-the-workspace' };
}

describe('one typed settings reader (issue 22), its scopes kept by the reader itself (issue 23)', () => {
  it('knows every setting package.json declares, with the same scope, default, bounds and restriction', () => {
    const declared = pkg.contributes.configuration.properties as Record<
      string,
      { scope: string; default: unknown; type: string; minimum?: number; maximum?: number }
    >;
    const restricted = new Set(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations);
    assert.deepEqual(
      Object.keys(declared).sort(),
      KEYS.map((k) => PREFIX + k).sort(),
      'the table and package.json name the same settings',
    );
    for (const key of KEYS) {
      const d = declared[PREFIX + key]!;
      const spec = SETTINGS[key];
      assert.equal(spec.scope, d.scope, key);
      assert.deepEqual(spec.default, d.default, key);
      assert.equal(spec.restricted, restricted.has(PREFIX + key), `${key}: restrictedConfigurations`);
      const type = Array.isArray(spec.default) ? 'array' : typeof spec.default;
      assert.equal(type, d.type, key);
      if (d.type === 'number') assert.deepEqual(spec.bounds, [d.minimum, d.maximum], key);
    }
  });

  it('a machine setting is never taken from a workspace or folder, trusted or not', () => {
    assert.ok(MACHINE.includes('aws.endpoint') && MACHINE.includes('posture.rpoTargets'));
    for (const key of MACHINE)
      for (const trusted of [true, false]) {
        const v = another(key);
        assert.deepEqual(
          pickSetting(key, { workspaceValue: v, workspaceFolderValue: v }, trusted),
          SETTINGS[key].default,
          `${key}, trusted: ${trusted}`,
        );
        assert.deepEqual(
          pickSetting(key, { globalValue: v, workspaceValue: another(key) }, trusted),
          v,
          `${key}: the user's own value`,
        );
      }
    // The case the issue names: a cloned repository's endpoint never reaches the connection.
    assert.equal(
      pickSetting(
        'aws.endpoint',
        { globalValue: undefined, workspaceValue: 'http://attacker.example' },
        true,
      ),
      '',
    );
  });

  it('a restricted setting (which files are linted) is the user’s own until the workspace is trusted', () => {
    const sources = { globalValue: { 'a/*.json': 'backup-plan' }, workspaceValue: { '**': 'backup-plan' } };
    assert.deepEqual(pickSetting('lint.files', sources, false), { 'a/*.json': 'backup-plan' });
    assert.deepEqual(pickSetting('lint.files', sources, true), { '**': 'backup-plan' });
  });

  it('other settings: the folder’s, else the workspace’s, else the user’s; typed, bounded, defaulted', () => {
    const s = { globalValue: 10, workspaceValue: 20, workspaceFolderValue: 30 };
    assert.equal(pickSetting('explorer.jobsDays', s, false), 30);
    assert.equal(pickSetting('explorer.jobsDays', { globalValue: 10, workspaceValue: 20 }, false), 20);
    assert.equal(pickSetting('explorer.jobsDays', { globalValue: 10 }, false), 10);
    assert.equal(pickSetting('explorer.jobsDays', undefined, false), 14);
    assert.equal(pickSetting('explorer.pageSize', { globalValue: 0 }, false), 1, 'bounded below');
    assert.equal(pickSetting('explorer.pageSize', { globalValue: 5000 }, false), 1000, 'bounded above');
    assert.equal(pickSetting('lint.enable', { workspaceValue: 'no', globalValue: false }, true), false);
    assert.equal(pickSetting('lint.live', { workspaceValue: 1 }, true), true, 'a wrong type is the default');
    assert.equal(pickSetting('aws.profile', { globalValue: '  prod  ' }, true), 'prod');
    assert.deepEqual(pickSetting('aws.regions', { globalValue: ['eu-west-1', 3] }, true), ['eu-west-1']);
    assert.deepEqual(pickSetting('posture.rpoTargets', { globalValue: { S3: 15, X: {} } }, true), {
      S3: '15',
    });
  });
});

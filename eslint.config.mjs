// Type-aware lint: floating promises and misused promises are errors. The layers (src/backup the
// core; src/lint the engine; src/aws; the features side by side; the composition root) are kept by
// `no-restricted-imports`, one set of options per folder, below.
import tseslint from 'typescript-eslint';

/** The files that may import `vscode`: the adapters and the composition root, and nothing else. */
const ADAPTERS = [
  'src/extension.ts',
  'src/awsFeatures.ts',
  'src/lazyTree.ts',
  'src/ui/**',
  'src/aws/settings.ts',
  'src/aws/connectionManager.ts',
  'src/lint/editor/**',
  'src/restore/editor/**',
  'src/lifecycle/editor/**',
  'src/deploy/editor/**',
  'src/explorer/editor/**',
  'src/explorer/register.ts',
  'src/explorer/timelinePanel.ts',
  'src/explorer/treeProvider.ts',
  'src/posture/editor/**',
];
const VSCODE = {
  name: 'vscode',
  message:
    'Only the adapters import vscode (src/**/editor/, the explorer’s view files, src/aws/settings.ts, src/aws/connectionManager.ts and the composition root): see ADAPTERS in eslint.config.mjs.',
};
const SDK = { group: ['@aws-sdk/*', '@smithy/*'], message: 'Only src/aws talks to the SDK.' };
const IO = {
  group: ['node:*', 'fs', 'fs/*', 'path', 'http', 'https', 'net', 'child_process', 'os'],
  message: 'The domain core does no I/O: the caller passes what it read in.',
};
/** A relative import that reaches one of these folders of src/, from any depth. */
const feature = (...folders) => ({
  regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`,
  message: `Features never import each other (${folders.join(', ')} here): move what they share down to src/backup or src/aws, or wire it in the composition root.`,
});

const LAYERS = [
  { dir: 'src/', files: ['src/**/*.ts'], patterns: [] },
  {
    // What the features' interfaces share (the webviews' strict page, the CLIs' arguments): below them.
    dir: 'src/ui/',
    files: ['src/ui/**/*.ts'],
    patterns: [
      {
        regex: '^\\.\\./(?!backup/)',
        message: 'src/ui is shared by the features: it imports nothing of ours but the domain core.',
      },
      SDK,
    ],
  },
  {
    dir: 'src/backup/',
    files: ['src/backup/**/*.ts'],
    patterns: [
      { regex: '^\\.\\./', message: 'src/backup is the floor: it imports nothing of ours outside itself.' },
      SDK,
      IO,
    ],
  },
  {
    dir: 'src/lint/',
    files: ['src/lint/**/*.ts'],
    ignores: ['src/lint/editor/**', 'src/lint/generated/**', 'src/lint/formats/**'],
    patterns: [
      {
        regex: '^\\.\\./(?!backup/|\\.\\./schemas/)',
        message: 'The lint engine imports only src/backup and itself (and the JSON schemas).',
      },
      SDK,
    ],
  },
  {
    // The compiled schema validators' types, and the embedding formats, one folder down.
    dir: 'src/lint/generated/',
    files: ['src/lint/generated/**/*.ts', 'src/lint/formats/*.ts'],
    patterns: [
      {
        regex: '^\\.\\./\\.\\./(?!backup/|\\.\\./schemas/)',
        message: 'The lint engine imports only src/backup and itself (and the JSON schemas).',
      },
      SDK,
    ],
  },
  {
    dir: 'src/lint/editor/',
    files: ['src/lint/editor/**/*.ts'],
    patterns: [feature('explorer', 'restore', 'cli', 'lifecycle', 'deploy', 'posture')],
  },
  {
    dir: 'src/explorer/',
    files: ['src/explorer/**/*.ts'],
    patterns: [feature('restore', 'cli', 'lint/editor', 'lifecycle', 'deploy', 'posture')],
  },
  {
    dir: 'src/restore/',
    files: ['src/restore/**/*.ts'],
    patterns: [feature('explorer', 'cli', 'lint/editor', 'lifecycle', 'deploy', 'posture')],
  },
  {
    dir: 'src/cli/',
    files: ['src/cli/**/*.ts'],
    patterns: [feature('explorer', 'restore', 'lint/editor', 'lifecycle', 'deploy', 'posture')],
  },
  {
    dir: 'src/deploy/',
    files: ['src/deploy/**/*.ts'],
    patterns: [feature('explorer', 'restore', 'cli', 'lint/editor', 'lifecycle', 'posture')],
  },
  {
    dir: 'src/lifecycle/',
    files: ['src/lifecycle/**/*.ts'],
    patterns: [feature('explorer', 'restore', 'cli', 'lint/editor', 'deploy', 'posture')],
  },
  {
    dir: 'src/posture/',
    files: ['src/posture/**/*.ts'],
    patterns: [feature('explorer', 'restore', 'cli', 'lint/editor', 'lifecycle', 'deploy')],
  },
  {
    // The local AWS Backup emulator stands beside the product: it reads the domain core (the ARNs,
    // the record per type, its public keys) and the service model, and nothing of the AWS layer or
    // the features; the AWS layer never imports it either (the root hands its bundle over).
    dir: 'src/emulator/',
    files: ['src/emulator/*.ts'],
    patterns: [
      {
        regex: '^\\.\\./(?!backup/|\\.\\./schemas/|\\.\\./package\\.json$)',
        message: 'The emulator imports only src/backup, the service model, the manifest and itself.',
      },
      SDK,
    ],
  },
  {
    dir: 'src/emulator/handlers/',
    files: ['src/emulator/handlers/**/*.ts'],
    patterns: [
      {
        regex: '^\\.\\./\\.\\./(?!backup/|\\.\\./schemas/)',
        message: 'The emulator imports only src/backup, the service model and itself.',
      },
      SDK,
    ],
  },
  {
    dir: 'src/aws/',
    files: ['src/aws/**/*.ts'],
    patterns: [
      feature('explorer', 'restore', 'cli', 'lint/editor', 'lifecycle', 'deploy', 'posture', 'emulator'),
      {
        regex: '^\\.\\./[a-zA-Z]+$',
        message: 'src/aws never imports the composition root (src/*.ts): the root hands it what it needs.',
      },
      {
        regex: '^\\.\\./lint/',
        allowTypeImports: true,
        message: 'src/aws implements the interfaces the lint engine declares: it imports their types only.',
      },
    ],
  },
];

/** Each layer twice: its files without `vscode`, and its adapter files with it (later entries win). */
const layerConfigs = LAYERS.flatMap(({ dir, files, ignores = [], patterns }) => {
  const rule = (paths) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });
  const adapters = ADAPTERS.filter((a) => a.startsWith(dir));
  return [
    { files, ignores: [...ignores, ...ADAPTERS], rules: rule([VSCODE]) },
    ...(adapters.length ? [{ files: adapters, ignores, rules: rule([]) }] : []),
  ];
});

/**
 * One record per resource type (src/backup/resourceTypes.ts and its folder): nowhere else in src/ is a
 * type's name, or the continuous-retention limit, written as a literal (issue 22). A type's name as a
 * string or a key, a name among the words of a message, and 35 as a number or inside a message are
 * reported: read them from the record (`S3.name`, `continuousTypes()`,
 * `CONTINUOUS_MAX_RETENTION_DAYS`) and interpolate. The emulator's seed data may keep its literals.
 * The names are AWS Backup's (GetSupportedResourceTypes in the service model); the words checked in
 * messages are the types with continuous backup and DynamoDB, whose names are not English words.
 */
const TYPE_NAMES = [
  'Aurora',
  'CloudFormation',
  'DocumentDB',
  'DynamoDB',
  'EBS',
  'EC2',
  'EFS',
  'EKS',
  'FSx',
  'Neptune',
  'RDS',
  'Redshift',
  'S3',
  'SAP HANA on Amazon EC2',
  'Storage Gateway',
  'Timestream',
  'VirtualMachine',
];
const TYPE_NAME = `/^(${TYPE_NAMES.join('|')})$/`;
const TYPE_WORD = '/(?<![\\w-])(S3|RDS|Aurora|DynamoDB|SAP HANA)(?![\\w-])/';
const RETENTION_35 = '/(?<![\\d.,])35(?![\\d.,])/';
const RECORD_ONLY = 'Read it from the record per type (src/backup/resourceTypes.ts) and interpolate it.';
export const RECORD_LITERALS = [
  { selector: `Literal[value=${TYPE_NAME}]`, message: `A resource type's name written out. ${RECORD_ONLY}` },
  {
    selector: `TemplateLiteral[expressions.length=0] > TemplateElement[value.cooked=${TYPE_NAME}]`,
    message: `A resource type's name written out. ${RECORD_ONLY}`,
  },
  {
    selector: `Property[computed=false] > Identifier.key[name=${TYPE_NAME}]`,
    message: `A resource type's name as a key. ${RECORD_ONLY}`,
  },
  {
    selector: `Literal[value=${TYPE_WORD}]`,
    message: `A resource type's name inside a message. ${RECORD_ONLY}`,
  },
  {
    selector: `TemplateElement[value.cooked=${TYPE_WORD}]`,
    message: `A resource type's name inside a message. ${RECORD_ONLY}`,
  },
  {
    selector: 'Literal[value=35]',
    message: `The 35-day continuous retention limit written out. ${RECORD_ONLY}`,
  },
  {
    selector: `Literal[value=${RETENTION_35}]`,
    message: `The 35-day continuous retention limit inside a message. ${RECORD_ONLY}`,
  },
  {
    selector: `TemplateElement[value.cooked=${RETENTION_35}]`,
    message: `The 35-day continuous retention limit inside a message. ${RECORD_ONLY}`,
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      '.vscode-test/',
      'test-results/',
      'scripts/',
      '*.mjs',
      '**/*.js',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  ...layerConfigs,
  {
    files: ['src/**/*.ts'],
    ignores: ['src/backup/resourceTypes.ts', 'src/backup/resourceTypes/**', 'src/emulator/seed*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...RECORD_LITERALS] },
  },
  // A source file does one job: over 500 lines, it is doing several (issue 11). Generated files aside.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/lint/generated/**'],
    rules: { 'max-lines': ['error', { max: 500 }] },
  },
  // A function a person can hold in their head (issue 22): at most 120 lines, blank lines and
  // comments aside. Generated files aside, and the emulator's seed data (tables of the sample
  // account's vaults, points, plans and jobs, written as code); a webview script's wrapping IIFE is
  // its module, not a function (the functions inside it are held to the limit).
  {
    files: ['src/**/*.ts', 'media/*.js'],
    ignores: ['src/lint/generated/**', 'src/emulator/seed*.ts'],
    rules: {
      'max-lines-per-function': [
        'error',
        { max: 120, skipBlankLines: true, skipComments: true, IIFEs: false },
      ],
    },
  },
);

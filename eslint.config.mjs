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
  'src/lint/editor/**',
  'src/restore/editor/**',
  'src/lifecycle/editor/**',
  'src/deploy/editor/**',
  'src/explorer/connectionManager.ts',
  'src/explorer/register.ts',
  'src/explorer/timelinePanel.ts',
  'src/explorer/treeProvider.ts',
  'src/posture/editor/**',
];
const VSCODE = {
  name: 'vscode',
  message:
    'Only the adapters import vscode (src/**/editor/, the explorer’s view files, src/aws/settings.ts and the composition root): see ADAPTERS in eslint.config.mjs.',
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
      { regex: '^\\.\\./', message: 'src/ui is shared by the features: it imports nothing of ours.' },
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
    // pitr-lsp: the lint engine as a language server; live facts from src/aws when asked.
    dir: 'src/lsp/',
    files: ['src/lsp/**/*.ts'],
    patterns: [feature('explorer', 'restore', 'cli', 'lint/editor', 'lifecycle', 'deploy', 'posture')],
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
    dir: 'src/aws/',
    files: ['src/aws/**/*.ts'],
    patterns: [
      feature('explorer', 'restore', 'cli', 'lint/editor', 'lifecycle', 'deploy', 'posture'),
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
      // The webview's script is linted like the rest, type-aware (media/tsconfig.json: DOM, checkJs).
      '!media/timeline.js',
      '!media/posture.js',
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
  // A source file does one job: over 500 lines, it is doing several (issue 11). Generated files aside.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/lint/generated/**'],
    rules: { 'max-lines': ['error', { max: 500 }] },
  },
);

// The layers of src/, checked (docs/checks.md explains each rule and its exceptions):
// - model/ imports neither `vscode` nor an AWS SDK, Smithy or Kubernetes package, nor any other layer of src/;
// - views/ reaches aws/ and the other adapters (rackApi/, cli/, kubernetes/) only through the ports in
//   model/store (wired in extension.ts): `import type` of an adapter's shape is allowed, a value import is not;
// - the webview (browser code) imports only its own files and model/architecture/.
// Import cycles are found by test/checks/cycles.test.ts (no ESLint rule sees the whole graph).
import tseslint from 'typescript-eslint';

const adapters = ['aws', 'rackApi', 'cli', 'kubernetes'];
const sdkPackages = ['@aws-sdk/*', '@smithy/*', '@kubernetes/*'];
/** Folders below a layer's root that hold code: src/LAYER/*.ts is depth 0, src/LAYER/x/*.ts depth 1, … */
const depths = [0, 1, 2, 3];

/** `../` repeated until a file at `depth` below src/LAYER/ stands in src/. */
const up = (depth) => '\\.\\./'.repeat(depth + 1);
const anyOf = (names) => `(${names.join('|')})`;
const sdkImport = `^${anyOf(sdkPackages.map((pattern) => pattern.replace('/*', '/')))}`;

/** The same restriction on static imports (no-restricted-imports) and on `import()` (which that rule skips). */
function restrict({ files, paths = [], patterns = [] }) {
  const lazyLoads = patterns.map(({ regex, message }) => ({
    // esquery's regex literal ends at the first slash, escaped or not: write it as \x2F.
    selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\x2F')}/]`,
    message,
  }));
  const lazyPackages = paths.map(({ name, message }) => ({
    selector: `ImportExpression[source.value='${name}']`,
    message,
  }));
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { paths, patterns }],
      'no-restricted-syntax': ['error', ...lazyLoads, ...lazyPackages],
    },
  };
}

const modelRules = depths.map((depth) =>
  restrict({
    files: [`src/model/${'*/'.repeat(depth)}*.ts`],
    paths: [{ name: 'vscode', message: 'model/ is plain TypeScript: only views/ imports vscode.' }],
    patterns: [
      {
        regex: sdkImport,
        message: 'model/ imports no SDK: the adapters (aws/, kubernetes/) do, behind the ports in model/store.',
      },
      {
        regex: `^${up(depth)}${anyOf([...adapters, 'views', 'webview', 'extension'])}(/|$)`,
        message: 'model/ is the bottom layer: it imports no other folder of src/.',
      },
    ],
  }),
);

/** Views must not import `reached` adapters by value. */
const viewRule = (files, depth, reached) =>
  restrict({
    files,
    patterns: [
      {
        regex: `^${up(depth)}${anyOf(reached)}(/|$)`,
        allowTypeImports: true,
        message:
          'views/ reach the adapters through the ports in model/store (wired in extension.ts); `import type` of their shapes is allowed.',
      },
    ],
  });
const viewRules = depths.map((depth) => viewRule([`src/views/${'*/'.repeat(depth)}*.ts`], depth, adapters));

const webviewRules = depths.map((depth) =>
  restrict({
    files: [`src/webview/${'*/'.repeat(depth)}*.ts`],
    paths: [{ name: 'vscode', message: 'The webview is browser code: it talks to the extension by postMessage only.' }],
    patterns: [
      {
        // Out of src/webview/ to anything but model/architecture/, or out of src/ altogether.
        regex: `^${up(depth)}(?!model/architecture/)|^${up(depth + 1)}`,
        message: 'The webview only draws what it is sent: it imports its own files and model/architecture/ only.',
      },
      { regex: sdkImport, message: 'The webview imports no SDK.' },
    ],
  }),
);

export default [
  // The fixtures break the rules on purpose; test/checks/lint.test.ts lints them with this file.
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.vscode-test/**',
      '.stryker-tmp/**',
      'reports/**',
      'test/fixtures/lint/**',
    ],
  },
  {
    files: ['src/**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  ...modelRules,
  ...viewRules,
  ...webviewRules,
];

// Lets mocha require the TypeScript tests and sources as they are (Stryker's mutated copies included): each .ts
// file is transpiled to CommonJS by esbuild when required, which is much faster than `tsc` for every run. Types
// are not checked here; `npm run compile` does that.
'use strict';
const fs = require('node:fs');
const { transformSync } = require('esbuild');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    sourcefile: filename,
    // Class fields as tsc emits them for the project's target, ES2022.
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: true } },
  });
  module._compile(code, filename);
};

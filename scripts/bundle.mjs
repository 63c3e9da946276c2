// Bundles the extension with esbuild into dist/extension.js: minified, as it ships, so that every test runs
// the code users get. `--dev` keeps it readable with source maps, for debugging.
import * as esbuild from 'esbuild';

const development = process.argv.includes('--dev');

await esbuild.build({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  outfile: 'dist/extension.js',
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['vscode'],
  minify: !development,
  sourcemap: development,
  logLevel: 'warning',
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { projectRoot } from '../projectRoot';

const root = projectRoot(__dirname);
const config = path.join(root, 'eslint.config.mjs');
/** Files laid out as in src/, each marking the imports the layer rules must report with `// forbidden`. */
const fixtures = path.join(root, 'test', 'fixtures', 'lint');

function forbiddenLines(file: string): number[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, index) => (/\/\/ forbidden$/.test(line) ? [index + 1] : []));
}

describe('layer rules (eslint.config.mjs)', () => {
  it('report every forbidden import of the fixtures, and nothing else', async function () {
    this.timeout(60_000);
    // The fixture folder stands for the project root: the config's `src/model/**` globs then match its files.
    const eslint = new ESLint({ cwd: fixtures, overrideConfigFile: config });
    const results = await eslint.lintFiles(['src']);
    assert.equal(results.length, 3, `linted ${results.map((result) => result.filePath).join(', ')}`);
    for (const result of results) {
      const name = path.relative(fixtures, result.filePath);
      const reported = result.messages.map((message) => message.line);
      assert.ok(
        result.messages.every((message) => /^no-restricted-(imports|syntax)$/.test(message.ruleId ?? '')),
        `${name}: ${result.messages.map((message) => message.message).join('; ')}`,
      );
      assert.deepEqual(reported, forbiddenLines(result.filePath), name);
    }
  });
});

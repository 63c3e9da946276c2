// `npm run test:mutation` runs test/unit as TypeScript in a sandbox copy of the project (.stryker-tmp/…), where a
// file is one folder nearer the root than compiled in out/test/unit: a test that climbs a fixed number of `..`
// reads a missing file there and the whole mutation run stops at its dry run. Twice already; this catches it in
// the unit stage instead.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../projectRoot';

/** `__dirname` followed by two or more `'..'` arguments: a path that is right in only one of the two layouts. */
const fixedClimb = /__dirname\s*,\s*'\.\.'\s*,\s*'\.\.'/;

function climbsIn(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return climbsIn(file);
      return entry.name.endsWith('.ts') && fixedClimb.test(fs.readFileSync(file, 'utf8')) ? [file] : [];
    })
    .sort();
}

describe('the unit tests run in the mutation sandbox too', () => {
  it('find project files from projectRoot(__dirname), never by a fixed number of ..', () => {
    const root = projectRoot(__dirname);
    const found = climbsIn(path.join(root, 'test', 'unit')).map((file) => path.relative(root, file));
    assert.deepEqual(found, [], `use projectRoot(__dirname) in:\n${found.join('\n')}`);
  });

  it('the check itself sees such a climb', () => {
    assert.ok(fixedClimb.test("fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'))"));
    assert.ok(!fixedClimb.test("path.join(projectRoot(__dirname), 'package.json')"));
  });
});

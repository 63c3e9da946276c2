import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimumRelease } from '../runner/install';
import { projectRoot } from '../projectRoot';

const root = projectRoot(__dirname);
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

type Version = [number, number, number];

function parseVersion(text: string): Version {
  const [major = 0, minor = 0, patch = 0] = text
    .replace(/^[v=]/, '')
    .split('.')
    .map((part) => Number.parseInt(part, 10) || 0);
  return [major, minor, patch];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * Whether `version` is in an npm `engines` range as dependencies write them: `>=x.y.z`, `^x.y.z`, `x`, `*`, a
 * space-separated conjunction and `||`. Anything else throws, so that a new form is noticed rather than passed.
 */
function satisfies(version: string, range: string): boolean {
  const wanted = parseVersion(version);
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|<=|[<>^~=])\s+/g, '$1')
      .split(/\s+/)
      .every((comparator) => {
        const match = /^(>=|<=|[<>^~=])?(\d+(?:\.\d+){0,2}|\*|x)?$/.exec(comparator);
        if (!match) throw new Error(`unknown engines range "${range}"`);
        const [, operator = '=', bound = '*'] = match;
        if (bound === '*' || bound === 'x') return true;
        const floor = parseVersion(bound);
        const order = compare(wanted, floor);
        const parts = bound.split('.').length;
        switch (operator) {
          case '>=':
            return order >= 0;
          case '>':
            return order > 0;
          case '<':
            return order < 0;
          case '<=':
            return order <= 0;
          case '^':
            return order >= 0 && wanted[0] === floor[0];
          case '~':
            return order >= 0 && wanted[0] === floor[0] && wanted[1] === floor[1];
          default:
            return wanted.slice(0, parts).every((part, index) => part === floor[index]);
        }
      }),
  );
}

describe('the oldest VS Code claimed is the one tested', () => {
  const manifest = readJson('package.json') as { engines: { vscode: string }; devDependencies: Record<string, string> };
  const [major, minor] = parseVersion(minimumRelease.vscode);

  it("package.json's engines.vscode is the VS Code of the minimum stage's code-server", () => {
    assert.equal(manifest.engines.vscode, `^${major}.${minor}.0`);
  });

  it('@types/vscode is not newer than that VS Code (vsce refuses to package otherwise)', () => {
    const types = parseVersion(manifest.devDependencies['@types/vscode'].replace(/^[\^~]/, ''));
    assert.ok(compare(types, [major, minor, Number.MAX_SAFE_INTEGER]) <= 0, manifest.devDependencies['@types/vscode']);
  });

  it("every shipped dependency's engines.node admits the Node the minimum stage runs on", () => {
    const lock = readJson('package-lock.json') as {
      packages: Record<string, { dev?: boolean; devOptional?: boolean; engines?: { node?: string } }>;
    };
    const shipped = Object.entries(lock.packages).filter(
      ([name, entry]) => name !== '' && !entry.dev && !entry.devOptional && entry.engines?.node,
    );
    assert.ok(shipped.length > 10, `only ${shipped.length} shipped packages state engines.node`);
    const refusing = shipped.filter(([, entry]) => !satisfies(minimumRelease.node, entry.engines?.node ?? '*'));
    assert.deepEqual(
      refusing.map(([name, entry]) => `${name} wants Node ${entry.engines?.node}`),
      [],
    );
  });

  it('the range check refuses what it should (undici 8 on the Node of VS Code 1.104)', () => {
    assert.ok(!satisfies('22.18.0', '>=22.19.0'));
    assert.ok(satisfies('22.19.0', '^20.17.0 || >=22.9.0'));
    assert.ok(!satisfies('21.0.0', '^20.17.0 || >=22.9.0'));
    assert.ok(satisfies('22.19.0', '>= 0.10.0'));
    assert.ok(!satisfies('24.0.0', '^22.0.0'));
    assert.throws(() => satisfies('22.19.0', 'latest'), /unknown engines range/);
  });
});

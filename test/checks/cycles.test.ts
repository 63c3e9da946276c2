import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../projectRoot';
import { cycles, importGraph } from './importGraph';

describe('import cycles', () => {
  it('src/ has none (each is named by its path when found)', () => {
    const edges = importGraph(path.join(projectRoot(__dirname), 'src'));
    assert.ok(edges.length > 100, `only ${edges.length} imports read: the graph is not being built`);
    const found = cycles(edges).map((cycle) => cycle.join(' → '));
    assert.deepEqual(found, [], `import cycles in src/:\n${found.join('\n')}`);
  });

  describe('the check itself', () => {
    let root: string;
    beforeEach(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'convox-cycles-'));
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    const write = (files: Record<string, string>): void => {
      for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
        fs.writeFileSync(path.join(root, name), text);
      }
    };

    it('finds a cycle through a folder index, a type import and a lazy import, and gives its path', () => {
      write({
        'model/a.ts': "import type { B } from '../views';\nexport type A = B;\n",
        'views/index.ts': "export { c } from './c';\nexport type B = number;\n",
        'views/c.ts': "export const c = () => import('../model/a');\n",
        'views/leaf.ts': "import { c } from './c';\nexport const leaf = c;\n",
      });
      assert.deepEqual(cycles(importGraph(root)), [['model/a.ts', 'views/index.ts', 'views/c.ts', 'model/a.ts']]);
    });

    it('finds a file importing itself, and nothing in a graph without cycles', () => {
      write({ 'self.ts': "import './self';\n", 'a.ts': "import './b';\nimport 'vscode';\n", 'b.ts': 'export {};\n' });
      assert.deepEqual(cycles(importGraph(root)), [['self.ts', 'self.ts']]);
    });
  });
});

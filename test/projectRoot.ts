// The project's root folder, found from the file that asks: tests run compiled in out/test/… and, under Stryker,
// as TypeScript in a sandbox copy of test/…, so a fixed number of `..` is right in only one of them.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The nearest folder above `from` holding a package.json. */
export function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

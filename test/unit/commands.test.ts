import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commands } from '../../src/model/commands';
import { projectRoot } from '../projectRoot';

const root = projectRoot(__dirname);
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: Array<{ command: string; title: string; category?: string }> };
};

/** Every `.ts` file under `directory`. */
function sources(directory: string): string[] {
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? sources(path.join(directory, entry.name))
        : entry.name.endsWith('.ts')
          ? [path.join(directory, entry.name)]
          : [],
    );
}

describe('command ids: one table, as package.json declares them', () => {
  it('names every contributed command with its id and title, in category Convox', () => {
    const declared = manifest.contributes.commands.map(
      ({ command, title, category }) => `${command} | ${title} | ${category}`,
    );
    const inCode = Object.values(commands).map(({ id, title }) => `${id} | ${title} | Convox`);
    assert.deepEqual(inCode.sort(), declared.sort());
  });

  it('is the only place in src/ that spells a command id', () => {
    const ids = Object.values(commands).map((command) => command.id);
    const table = path.join(root, 'src', 'model', 'commands.ts');
    const spelled = sources(path.join(root, 'src'))
      .filter((file) => file !== table)
      .flatMap((file) => {
        const text = fs.readFileSync(file, 'utf8');
        return ids.filter((id) => text.includes(`'${id}'`)).map((id) => `${path.relative(root, file)}: ${id}`);
      });
    assert.deepEqual(spelled, []);
  });
});

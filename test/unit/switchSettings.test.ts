import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliSyncValues, parseCliSync, parseExportRack } from '../../src/model/settings';
import { projectRoot } from '../projectRoot';

describe('terminal and CLI settings', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot(__dirname), 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { enum?: string[] }> } };
  };

  it('package.json offers exactly the sync values the code knows', () => {
    assert.deepEqual(manifest.contributes.configuration.properties['convox.cli.syncCurrentRack'].enum, [
      ...cliSyncValues,
    ]);
  });
  it('falls back to the defaults for values the schema would refuse', () => {
    assert.equal(parseCliSync('always'), 'always');
    assert.equal(parseCliSync('off'), 'off');
    for (const bad of ['Always', 1, undefined, null]) assert.equal(parseCliSync(bad), 'ask', String(bad));
    assert.equal(parseExportRack(false), false);
    assert.equal(parseExportRack(undefined), true);
    assert.equal(parseExportRack('false'), true);
  });
});

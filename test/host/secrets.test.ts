// Marker secrets are planted in every place one can come from (see test/sim/scenarios/secrets.ts). Every row
// and tooltip of the view, expanded to its leaves, the status bar and the Inspect document must be free of them,
// while the failures they caused still say what failed. The runner also searches every file VS Code wrote.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { secretMarkers } from '../sim';
import { activateConvox } from './extension';
import { childrenOf, rowsOf, type Row } from './tree';

const markers = Object.values(secretMarkers);

function leaked(text: string): string[] {
  return markers.filter((marker) => text.includes(marker));
}

describe('secrets planted in every credential source', function () {
  this.timeout(60_000);

  it('appear in no row, tooltip, status bar or Inspect document, while each failure still says what failed', async () => {
    const api = await activateConvox();
    await vscode.commands.executeCommand('convox.refresh');
    const rows: Row[] = [];
    const walk = async (level: Row[]): Promise<void> => {
      for (const row of level) {
        rows.push(row);
        await walk(await childrenOf(api, row));
      }
    };
    await walk(await rowsOf(api));
    assert.ok(rows.length > 40, `the whole tree was walked: ${rows.length} rows`);
    for (const row of rows)
      assert.deepEqual(leaked(`${row.label}\n${row.description}\n${row.tooltip}`), [], `${row.label}: ${row.tooltip}`);

    const errors = new Map(api.store.errors().map((error) => [`${error.profile} ${error.region}`, error.message]));
    assert.match(
      errors.get('globex eu-west-1') ?? '',
      /^The credential_process of profile "globex" exited with status 1\./,
    );
    assert.match(
      errors.get('acme-readonly us-east-1') ?? '',
      /^HTTP 500 from http:\/\/127\.0\.0\.1:\d+, not an AWS answer/,
    );
    assert.ok(
      [...errors.keys()].some((key) => key.startsWith('environment #AWS_*')),
      'the environment credentials were tried',
    );

    await vscode.commands.executeCommand('convox.switchRack', 'acme/production');
    assert.deepEqual(leaked(`${api.statusBar.text}`), []);
    await vscode.commands.executeCommand('convox.inspectRack');
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.ok(text.startsWith('acme/production\n'));
    assert.deepEqual(leaked(text), []);
  });
});

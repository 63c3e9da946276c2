// One region that accepts connections and never answers: the view still settles at the deadline, with that
// region as an error row naming its endpoint and every other rack shown, and Retry lists it once it answers.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateConvox } from './extension';
import { childrenOf, rowsOf, treeRow } from './tree';

describe('a region that never answers', function () {
  this.timeout(60_000);

  it('becomes an error row at the deadline while every other rack shows, and Retry lists it once it answers', async () => {
    const api = await activateConvox();
    const started = Date.now();
    await vscode.commands.executeCommand('convox.refresh');
    const settledMs = Date.now() - started;
    assert.ok(settledMs >= 2_000 && settledMs < 10_000, `settled at the 2 s deadline, not never: ${settledMs} ms`);
    assert.equal(api.store.loading, false);
    const globex = await childrenOf(api, await treeRow(api, ['globex']));
    const failed = globex.filter((row) => row.contextValue.startsWith('discoveryError'));
    assert.deepEqual(
      failed.map((row) => `${row.label} | ${row.description} | ${row.contextValue}`),
      ['globex · eu-west-1 | AWS unreachable | discoveryError.network'],
    );
    assert.match(
      failed[0].tooltip,
      /^http:\/\/127\.0\.0\.1:\d+ did not answer list CloudFormation stacks .* within 2 s, so the calls were stopped\..*convox\.requestTimeout/,
    );
    assert.deepEqual(
      globex.filter((row) => row.contextValue.startsWith('rack')).map((row) => row.label),
      ['edge'],
    );
    const acme = await childrenOf(api, await treeRow(api, ['acme']));
    assert.equal(
      acme.filter((row) => row.contextValue.startsWith('rack')).length,
      8,
      'other organisations are unaffected',
    );

    // The scenario's silence holds for the first call only: the region answers from now on.
    await vscode.commands.executeCommand('convox.retryDiscovery', failed[0].node);
    const organizations = await rowsOf(api);
    assert.equal(organizations.find((row) => row.label === 'globex')?.description, '4 racks');
  });
});

// Two racks named acme/production, in us-east-1 and eu-west-1 of one profile: the Racks view and Switch Rack show
// both by qualified names; typing the shared name is refused as ambiguous (asked, never guessed); switching to each
// makes exactly that one current, in the tree and the status bar, and Inspect Rack names its region.
import * as assert from 'node:assert/strict';
import { sameNameRegionsScenario } from '../sim';
import { walk } from './walk';

walk(
  'switch-same-name',
  async (ui) => {
    await ui.openView();
    await ui.row('production (us-east-1)').waitFor({ timeout: 30_000 });
    await ui.row('production (eu-west-1)').waitFor({ timeout: 30_000 });
    // The release list comes after the racks: the rows then say how far behind their releases are.
    await ui.row('production (us-east-1)').filter({ hasText: ' behind ' }).waitFor({ timeout: 30_000 });
    await ui.settled();
    await ui.widenSideBar();
    await ui.screenshot('tree-both-qualified');

    await ui.runCommand('Convox: Switch Rack');
    await ui.page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 30_000 });
    const offered = await ui.quickPickRows();
    for (const [label, description] of [
      ['acme/production (us-east-1)', 'running · us-east-1'],
      ['acme/production (eu-west-1)', 'running · eu-west-1'],
      ['acme/staging', 'running · us-east-1'],
    ]) {
      assert.ok(
        offered.some((row) => row.label === label && row.description === description),
        `the quick pick does not offer ${label} (${description}): ${JSON.stringify(offered)}`,
      );
    }
    await ui.screenshot('quick-pick-qualified');

    // The shared name alone names two racks: refused, the current rack unchanged.
    await ui.page.locator('.quick-input-widget input').fill('acme/production');
    await ui.page
      .locator('.quick-input-list .monaco-list-row.focused .label-name .highlight', { hasText: 'acme/production' })
      .waitFor({ timeout: 10_000 });
    await ui.page.keyboard.press('Enter');
    const ambiguous = await ui.notification(
      /ambiguous rack name: acme\/production \(matches acme\/production \(.+\), acme\/production \(.+\)\)/,
    );
    assert.equal(ambiguous.severity, 'error');
    assert.equal(await ui.statusBarText(), 'No rack');
    await ui.screenshot('shared-name-ambiguous');

    const switchTo = async (typed: string, shown: string): Promise<void> => {
      await ui.runCommand('Convox: Switch Rack');
      await ui.page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 30_000 });
      await ui.page.locator('.quick-input-widget input').fill(typed);
      await ui.page
        .locator('.quick-input-list .monaco-list-row.focused', { hasText: shown })
        .waitFor({ timeout: 10_000 });
      assert.deepEqual(
        (await ui.quickPickRows()).map((row) => row.label),
        [shown],
      );
      await ui.page.keyboard.press('Enter');
      await ui.page.locator('.part.statusbar', { hasText: shown }).waitFor({ timeout: 10_000 });
      assert.equal(await ui.statusBarText(), `${shown} (running)`);
    };
    const inspect = async (region: string, version: string): Promise<void> => {
      await ui.runCommand('Convox: Inspect Rack');
      await ui.page
        .locator('.part.editor .view-lines', { hasText: `acme/production (${region})` })
        .waitFor({ timeout: 30_000 });
      await ui.page.locator('.part.editor .view-lines', { hasText: 'Parameters' }).waitFor({ timeout: 30_000 });
      const text = await ui.editorText();
      assert.equal(text.split('\n')[0], `acme/production (${region})`);
      assert.match(text, new RegExp(`^Region\\s+${region}$`, 'm'));
      assert.match(text, new RegExp(`^Version\\s+${version}$`, 'm'));
      assert.equal(await ui.editorTabTitle(), `acme\u2215production (${region})`);
      // The top of the document (its name, Region and Version) is what the screenshot shows.
      await ui.page.keyboard.press('Control+Home');
    };

    await switchTo('eu-west', 'acme/production (eu-west-1)');
    await ui.row('production (eu-west-1)').filter({ hasText: '✓ current' }).waitFor({ timeout: 10_000 });
    const rows = await ui.rows();
    assert.equal(
      rows.find((row) => row.label === 'production (eu-west-1)')?.description,
      '✓ current · running · eu-west-1 · 20250301000000 · unknown release',
    );
    assert.match(
      rows.find((row) => row.label === 'production (us-east-1)')?.description ?? '',
      /^running · us-east-1 · 20250101120000 · 2 behind \(1 required\) · release \d+ d old$/,
    );
    await ui.restMouse();
    await ui.screenshot('eu-west-1-current');
    await inspect('eu-west-1', '20250301000000');
    await ui.screenshot('inspect-eu-west-1');

    await switchTo('us-east-1', 'acme/production (us-east-1)');
    await ui.row('production (us-east-1)').filter({ hasText: '✓ current' }).waitFor({ timeout: 10_000 });
    assert.equal(
      (await ui.rows()).find((row) => row.label === 'production (eu-west-1)')?.description,
      'running · eu-west-1 · 20250301000000 · unknown release',
    );
    await ui.restMouse();
    await ui.screenshot('us-east-1-current');
    await inspect('us-east-1', '20250101120000');
    await ui.screenshot('inspect-us-east-1');
  },
  { scenario: sameNameRegionsScenario() },
);

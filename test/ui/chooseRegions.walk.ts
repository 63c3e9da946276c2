// A user whose profile's own region holds no rack is told so, picks another region with Convox: Choose
// Regions… (from the welcome link), and the rack there shows; the view title's Refresh button refreshes it.
import * as assert from 'node:assert/strict';
import { rack, scenario } from '../sim';
import { walk } from './walk';

const farAway = scenario({
  profiles: [{ name: 'solo', account: '777777777777', region: 'us-east-1' }],
  regions: ['us-east-1'],
  data: {
    '777777777777': {
      'eu-central-1': (at) => [rack(at, { name: 'far-away', status: 'UPDATE_COMPLETE', version: '20250101120000' })],
    },
  },
});

walk(
  'choose-regions',
  async (ui) => {
    await ui.openView();
    const welcome = ui.page.locator('.part.sidebar', { hasText: 'No Convox racks were found in the regions scanned' });
    await welcome.waitFor({ timeout: 30_000 });
    await ui.screenshot('no-racks-welcome');

    await ui.page
      .locator('.part.sidebar a, .part.sidebar .monaco-button', { hasText: 'Choose Regions…' })
      .first()
      .click();
    const input = ui.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('eu-central-1');
    const row = ui.page.locator('.quick-input-list .monaco-list-row', { hasText: 'eu-central-1' }).first();
    await row.waitFor({ timeout: 10_000 });
    await row.locator('input[type="checkbox"], .monaco-custom-toggle, .quick-input-list-checkbox').first().click();
    await ui.screenshot('region-picked');
    await input.press('Enter');

    // The release list comes after the rack: the row then says how far behind its release is.
    await ui.row('far-away').filter({ hasText: ' behind ' }).waitFor({ timeout: 30_000 });
    assert.match(
      (await ui.rows()).find((candidate) => candidate.label === 'far-away')?.description ?? '',
      /^running · eu-central-1 · 20250101120000 · 2 behind \(1 required\) · release \d+ d old$/,
    );
    await ui.screenshot('rack-in-chosen-region');

    await ui.page.locator('.part.sidebar .title-actions .action-label[aria-label^="Refresh Racks"]').click();
    await ui.settled();
    await ui.row('far-away').waitFor({ timeout: 30_000 });
    await ui.screenshot('refreshed-from-title');
    const errors = (await ui.notifications()).filter((notification) => notification.severity === 'error');
    assert.deepEqual(errors, []);
  },
  { scenario: farAway },
);

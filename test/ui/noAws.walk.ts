// A user without any AWS configuration opens the Convox view and is told what is missing and where to set it up.
import * as assert from 'node:assert/strict';
import { walk } from './walk';

walk(
  'no-aws',
  async (ui) => {
    await ui.openView();
    await ui.page
      .locator('.part.sidebar', { hasText: 'No AWS profiles or credentials were found' })
      .waitFor({ timeout: 30_000 });
    await ui.screenshot('welcome');
    const errors = (await ui.notifications()).filter((notification) => notification.severity === 'error');
    assert.deepEqual(errors, [], 'no error notification without AWS configuration');
  },
  { scenario: 'none' },
);

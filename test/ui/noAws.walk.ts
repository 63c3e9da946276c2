// A user without any AWS configuration opens the Convox view and is told what is missing and where to set it up.
import { walk } from './walk';

walk(
  'no-aws',
  async (ui) => {
    await ui.openView();
    await ui.page.locator('.part.sidebar', { hasText: 'No AWS profiles or credentials were found' }).waitFor({ timeout: 30_000 });
    await ui.screenshot('welcome');
  },
  { scenario: 'none' },
);

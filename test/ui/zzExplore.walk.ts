import * as fs from 'node:fs';
import { walk } from './walk';

walk('zz-explore', async (ui) => {
  await ui.openView();
  await ui.treeRow('production').first().waitFor({ timeout: 30_000 });
  const html = async (sel: string): Promise<string> => (await ui.page.locator(sel).first().getAttribute('class')) ?? '';
  void html;
  const dump = async (name: string, sel: string): Promise<void> => {
    const loc = ui.page.locator(sel);
    const n = await loc.count();
    const out: string[] = [];
    for (let i = 0; i < n; i += 1) out.push((await loc.nth(i).getAttribute('aria-label')) + ' | ' + (await loc.nth(i).getAttribute('aria-expanded')) + ' | ' + (await loc.nth(i).innerText()).replace(/\n/g, '\\n'));
    fs.writeFileSync(`/tmp/explore/${name}.txt`, out.join('\n'));
  };
  await dump('rows', '.part.sidebar .monaco-list-row');
  await dump('statusbar', '.part.statusbar .statusbar-item');
  await dump('statusbar-a', '.part.statusbar .statusbar-item a');
  await ui.runCommand('Convox: Switch Rack');
  await ui.page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 30_000 });
  await dump('qp', '.quick-input-list .monaco-list-row');
  await ui.page.locator('.quick-input-widget input').fill('e');
  await ui.page.waitForTimeout(500);
  await dump('qp-e', '.quick-input-list .monaco-list-row');
  await dump('qp-e-focused', '.quick-input-list .monaco-list-row.focused');
  await ui.screenshot('qp-e');
  await ui.page.keyboard.press('Enter');
  await ui.page.waitForTimeout(1500);
  await ui.screenshot('after-e');
  fs.writeFileSync('/tmp/explore/notif.json', JSON.stringify(await ui.notifications()));
  await dump('statusbar-a2', '.part.statusbar .statusbar-item a');
  await ui.runCommand('Convox: Inspect Rack');
  await ui.page.waitForTimeout(3000);
  await ui.screenshot('inspect');
  await dump('tabs', '.tabs-container .tab');
  await dump('title-actions', '.editor-actions .action-label');
  await dump('viewlines', '.view-lines');
});

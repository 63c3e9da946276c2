// What a UI walk can do in the VS Code workbench, the way a person does it: click the Convox icon, use the
// command palette, look at tree rows and notifications, and take screenshots for a reviewer.
import * as path from 'node:path';
import type { Simulator } from '../sim';
import type { Locator, Page } from '../runner/browser';

export interface Notification {
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface Ui {
  readonly page: Page;
  /** This walk's simulator; absent for a walk with `scenario: 'none'`. */
  readonly simulator?: Simulator;
  /** Clicks the Convox icon in the activity bar and waits for the Racks view. */
  openView(): Promise<void>;
  /** Waits for the side bar's progress bar, if one shows within a second, to finish. */
  settled(): Promise<void>;
  /** F1, types `>title`, checks the highlighted entry is `title` (e.g. "Convox: Refresh Racks"), Enter. */
  runCommand(title: string): Promise<void>;
  /** A row of the side bar's trees whose text contains `text`. */
  treeRow(text: string | RegExp): Locator;
  /** Saves a PNG of the window as test-results/ui/WALK/NN-STEP.png and returns its path. */
  screenshot(step: string): Promise<string>;
  /** The notification toasts on screen now. */
  notifications(): Promise<Notification[]>;
}

const severities: Notification['severity'][] = ['error', 'warning', 'info'];

export class Workbench implements Ui {
  private shots = 0;

  constructor(
    readonly page: Page,
    private readonly screenshotDir: string,
    readonly simulator?: Simulator,
  ) {}

  /** Waits until the workbench is rendered (~4 s on 2 cores, more on a cold start). */
  async ready(): Promise<void> {
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
  }

  async openView(): Promise<void> {
    await this.page.locator('.part.activitybar .action-item a.action-label[aria-label^="Convox"]').click({ timeout: 30_000 });
    await this.page.locator('.part.sidebar .composite.title', { hasText: /Racks/i }).waitFor({ state: 'visible', timeout: 30_000 });
    // Away from the icon, so its hover label does not cover the view in screenshots.
    await this.page.mouse.move(700, 400);
  }

  async settled(): Promise<void> {
    const progress = this.page.locator('.part.sidebar .monaco-progress-container.active');
    await progress.waitFor({ state: 'visible', timeout: 1_000 }).catch(() => undefined);
    await progress.waitFor({ state: 'hidden', timeout: 60_000 });
  }

  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    const focused = this.page.locator('.quick-input-list .monaco-list-row.focused');
    try {
      await focused.filter({ hasText: title }).waitFor({ state: 'visible', timeout: 10_000 });
    } catch {
      const offered = await this.page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
      throw new Error(`the command palette does not offer "${title}" first; it offers: ${JSON.stringify(offered)}`);
    }
    await input.press('Enter');
    // Done when the palette closed or the command replaced it with a quick pick of its own.
    const widget = this.page.locator('.quick-input-widget');
    const deadline = Date.now() + 10_000;
    while ((await widget.isVisible()) && (await input.inputValue()) === `>${title}`) {
      if (Date.now() > deadline) throw new Error(`the command palette stayed open after Enter on "${title}"`);
      await this.page.waitForTimeout(100);
    }
  }

  treeRow(text: string | RegExp): Locator {
    return this.page.locator('.part.sidebar .monaco-list-row', { hasText: text });
  }

  async screenshot(step: string): Promise<string> {
    this.shots += 1;
    const file = path.join(this.screenshotDir, `${String(this.shots).padStart(2, '0')}-${step.replace(/[^a-z0-9-]+/gi, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  async notifications(): Promise<Notification[]> {
    const toasts = this.page.locator('.notifications-toasts .notification-toast .notification-list-item');
    const found: Notification[] = [];
    for (let index = 0; index < (await toasts.count()); index += 1) {
      const toast = toasts.nth(index);
      const iconClass = (await toast.locator('.notification-list-item-icon').getAttribute('class')) ?? '';
      const severity = severities.find((name) => iconClass.includes(`codicon-${name}`)) ?? 'info';
      found.push({ severity, message: await toast.locator('.notification-list-item-message').innerText() });
    }
    return found;
  }
}

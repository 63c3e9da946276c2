// What a UI walk can do in the VS Code workbench, the way a person does it: click the Convox icon, use the
// command palette and quick picks, open and hover tree rows and click their inline actions, read the status bar,
// notifications and editors, and take screenshots for a reviewer.
import * as path from 'node:path';
import type { Simulator } from '../sim';
import type { Locator, Page } from '../runner/browser';

export interface Notification {
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/** A list row as shown: its label and the dimmer description after it. */
export interface Row {
  label: string;
  description: string;
}

export interface Ui {
  readonly page: Page;
  /** This walk's simulator; absent for a walk with `scenario: 'none'`. */
  readonly simulator?: Simulator;
  /** The Convox icon in the activity bar. */
  convoxIcon(): Locator;
  /** Clicks the Convox icon in the activity bar and waits for the Racks view. */
  openView(): Promise<void>;
  /** Waits for the side bar's progress bar, if one shows within a second, to finish. */
  settled(): Promise<void>;
  /** F1, types `>title`, checks the highlighted entry is `title` (e.g. "Convox: Refresh Racks"), Enter. */
  runCommand(title: string): Promise<void>;
  /** A row of the side bar's trees whose text contains `text`. */
  treeRow(text: string | RegExp): Locator;
  /** The side bar's rows whose label (not description) is exactly `label`. */
  row(label: string): Locator;
  /** The side bar's rows on screen, top to bottom. */
  rows(): Promise<Row[]>;
  /** Clicks the twistie of the first row labelled `label` if it is collapsed; waits until it shows expanded. */
  expandRow(label: string): Promise<void>;
  /** Clicks the twistie of the first row labelled `label` if it is expanded; waits until it shows collapsed. */
  collapseRow(label: string): Promise<void>;
  /**
   * Scrolls the side bar's tree with the mouse wheel, from the row labelled `from` down, until the row labelled
   * `label` is on screen (the tree renders only the rows in view). The wheel needs no keyboard focus.
   */
  scrollDownTo(from: string, label: string): Promise<void>;
  /** Rests the mouse on `target` until VS Code's hover shows; returns the hover's text. */
  hover(target: Locator): Promise<string>;
  /** Makes the side bar about twice its default width, so screenshots show rows' descriptions whole. */
  widenSideBar(): Promise<void>;
  /** Moves the mouse to the empty editor area, so no hover or inline action shows in screenshots. */
  restMouse(): Promise<void>;
  /** Clicks an inline action ("Inspect Rack", "Retry") of the first row labelled `label`; they show under the mouse. */
  clickRowAction(label: string, action: string): Promise<void>;
  /**
   * Chooses `item` in the context menu of the first row labelled `label` and waits until `effect` is visible,
   * opening the menu and choosing again when the choice did not register.
   */
  chooseFromRowMenu(label: string, item: string, effect: Locator): Promise<void>;
  /** The text of the extension's current-rack status bar item, e.g. "acme/production (running)". */
  statusBarText(): Promise<string>;
  /** The open quick pick's rows on screen, top to bottom. */
  quickPickRows(): Promise<Row[]>;
  /** Waits for a notification toast whose message matches `message`. */
  notification(message: RegExp, timeoutMs?: number): Promise<Notification>;
  /** The whole text of the active editor; Monaco renders only the visible lines, so this pages through them. */
  editorText(): Promise<string>;
  /** The title of the active editor's tab. */
  editorTabTitle(): Promise<string>;
  /** Saves a PNG of the window as test-results/ui/WALK/NN-STEP.png and returns its path. */
  screenshot(step: string): Promise<string>;
  /** The notification toasts on screen now. */
  notifications(): Promise<Notification[]>;
}

const severities: Notification['severity'][] = ['error', 'warning', 'info'];

/** A side bar row labelled exactly `label`; `state` is more attribute selectors for the row, e.g. `[aria-expanded="true"]`. */
function rowSelector(label: string, state = ''): string {
  return `.part.sidebar .monaco-list-row${state}:has(.monaco-highlighted-label:text-is(${JSON.stringify(label)}))`;
}

/** A page expression: the side bar rows the tree has drawn, as one string that changes when it draws others. */
const sidebarRowsDrawn =
  "[...document.querySelectorAll('.part.sidebar .monaco-list-row')].map((row) => row.getAttribute('aria-label')).sort().join('\\n')";

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

  convoxIcon(): Locator {
    return this.page.locator('.part.activitybar .action-item a.action-label[aria-label^="Convox"]');
  }

  async openView(): Promise<void> {
    await this.convoxIcon().click({ timeout: 30_000 });
    await this.page
      .locator('.part.sidebar .composite.title', { hasText: /Racks/i })
      .waitFor({ state: 'visible', timeout: 30_000 });
    // Away from the icon, so its hover label does not cover the view in screenshots.
    await this.restMouse();
  }

  async widenSideBar(): Promise<void> {
    // The resize command acts on the focused part.
    await this.runCommand('View: Focus into Primary Side Bar');
    // Focus arrives a moment after the command on a busy machine; a palette opened before would lose it and close.
    await this.page.locator('.part.sidebar:focus-within').waitFor({ state: 'attached', timeout: 10_000 });
    for (let step = 0; step < 4; step += 1) await this.runCommand('Increase Current View Size');
  }

  async restMouse(): Promise<void> {
    await this.page.mouse.move(700, 400);
  }

  async settled(): Promise<void> {
    const progress = this.page.locator('.part.sidebar .monaco-progress-container.active');
    await progress.waitFor({ state: 'visible', timeout: 1_000 }).catch(() => undefined);
    await progress.waitFor({ state: 'hidden', timeout: 60_000 });
  }

  async runCommand(title: string): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    const input = widget.locator('input');
    // The palette closes when anything else takes focus (a view finishing a focus command late, say); then open it again.
    for (let attempt = 1; !(await this.offerInPalette(title)); attempt += 1) {
      if (attempt === 3)
        throw new Error(`the command palette closed by itself ${attempt} times before "${title}" could be chosen`);
    }
    await input.press('Enter');
    // Done when the palette closed or the command replaced it with a quick pick of its own.
    const deadline = Date.now() + 10_000;
    while ((await widget.isVisible()) && (await input.inputValue()) === `>${title}`) {
      if (Date.now() > deadline) throw new Error(`the command palette stayed open after Enter on "${title}"`);
      await this.page.waitForTimeout(100);
    }
  }

  /**
   * F1, types `>title` and waits until the highlighted entry is `title`. False when the palette closed meanwhile;
   * throws when it stays open offering something else first.
   */
  private async offerInPalette(title: string): Promise<boolean> {
    const widget = this.page.locator('.quick-input-widget');
    const input = widget.locator('input');
    await this.page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 5_000 });
      await this.page
        .locator('.quick-input-list .monaco-list-row.focused')
        .filter({ hasText: title })
        .waitFor({ state: 'visible', timeout: 10_000 });
      return true;
    } catch (error) {
      // A palette losing focus fades out for 150 ms before it hides.
      const closed = await widget.waitFor({ state: 'hidden', timeout: 1_000 }).then(
        () => true,
        () => false,
      );
      if (closed) return false;
      const offered = await this.page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
      throw new Error(`the command palette does not offer "${title}" first; it offers: ${JSON.stringify(offered)}`, {
        cause: error,
      });
    }
  }

  treeRow(text: string | RegExp): Locator {
    return this.page.locator('.part.sidebar .monaco-list-row', { hasText: text });
  }

  row(label: string): Locator {
    return this.page.locator(rowSelector(label));
  }

  rows(): Promise<Row[]> {
    return this.listRows('.part.sidebar .monaco-list-row');
  }

  expandRow(label: string): Promise<void> {
    return this.toggleRow(label, 'true');
  }

  collapseRow(label: string): Promise<void> {
    return this.toggleRow(label, 'false');
  }

  async scrollDownTo(from: string, label: string): Promise<void> {
    await this.moveOnto(this.row(from).first());
    const target = this.row(label).first();
    const inView = async () => {
      if ((await target.count()) === 0) return false;
      const [row, sideBar] = await Promise.all([
        target.boundingBox(),
        this.page.locator('.part.sidebar').boundingBox(),
      ]);
      return !!row && !!sideBar && row.y >= sideBar.y && row.y + row.height <= sideBar.y + sideBar.height;
    };
    for (let turns = 0; turns <= 80; turns += 1) {
      if (await inView()) return;
      const before = await this.page.evaluate<string>(sidebarRowsDrawn);
      await this.page.mouse.wheel(0, 120);
      // Each turn waits until the tree has drawn other rows; when it draws none, the list's end is reached.
      const moved = await this.page
        .waitForFunction(`${sidebarRowsDrawn} !== ${JSON.stringify(before)}`, undefined, { timeout: 5_000 })
        .then(
          () => true,
          () => false,
        );
      if (!moved && !(await inView())) break;
    }
    throw new Error(`scrolling down from "${from}" did not bring a row labelled "${label}" on screen`);
  }

  async hover(target: Locator): Promise<string> {
    await this.moveOnto(target);
    const hover = this.page.locator('.workbench-hover-container').first();
    await hover.waitFor({ state: 'visible', timeout: 10_000 });
    return hover.innerText();
  }

  async clickRowAction(label: string, action: string): Promise<void> {
    const row = this.row(label).first();
    await this.moveOnto(row);
    await row.locator(`.action-label[aria-label=${JSON.stringify(action)}]`).click({ timeout: 10_000 });
  }

  async chooseFromRowMenu(label: string, item: string, effect: Locator): Promise<void> {
    const menu = this.page.locator('.context-view .monaco-menu');
    const entry = menu.locator('.action-item:not(.disabled)', {
      has: this.page.locator(`.action-label:text-is(${JSON.stringify(item)})`),
    });
    for (let opened = 1; ; opened += 1) {
      await this.row(label).first().click({ button: 'right' });
      await entry.waitFor({ state: 'visible', timeout: 10_000 });
      // A menu item listens for the mouse button's release only from 100 ms after it is drawn (so that the release
      // of the right click that opened the menu chooses nothing); on a busy machine that timer runs late, and a
      // click before it does nothing and leaves the menu open. So the item is clicked until the menu closes.
      for (let clicks = 1; (await menu.isVisible()) && clicks <= 10; clicks += 1) {
        await entry.click({ timeout: 5_000 }).catch(() => undefined);
        await menu.waitFor({ state: 'hidden', timeout: 1_000 }).catch(() => undefined);
      }
      if (
        await effect.waitFor({ state: 'visible', timeout: 20_000 }).then(
          () => true,
          () => false,
        )
      )
        return;
      // The menu closed without running the item (it lost focus as the click arrived): open it again.
      if (opened === 3)
        throw new Error(`"${item}" in the menu of ${label} had no visible effect after ${opened} tries`);
      if (await menu.isVisible()) await this.page.keyboard.press('Escape');
    }
  }

  async statusBarText(): Promise<string> {
    // The item's id is the extension's id and the item's own, `convox.currentRack`.
    return (
      await this.page.locator('.part.statusbar [id$=".convox.currentRack"]').innerText({ timeout: 10_000 })
    ).trim();
  }

  quickPickRows(): Promise<Row[]> {
    return this.listRows('.quick-input-widget .quick-input-list .monaco-list-row');
  }

  async notification(message: RegExp, timeoutMs = 10_000): Promise<Notification> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const shown = await this.notifications();
      const found = shown.find((notification) => message.test(notification.message));
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no notification matching ${message} within ${timeoutMs} ms; shown: ${JSON.stringify(shown)}`);
      await this.page.waitForTimeout(200);
    }
  }

  async editorText(): Promise<string> {
    const editor = this.page.locator('.part.editor .editor-group-container.active .monaco-editor').first();
    await editor.locator('.view-lines').click();
    await this.page.keyboard.press('Control+Home');
    // Keyed by each line's `top`, which stays put while the editor scrolls, so pages overlap harmlessly.
    const lines = new Map<number, string>();
    const rendered = editor.locator('.view-lines .view-line');
    const drawn = (): Promise<string> =>
      rendered.evaluateAll((elements) => elements.map((element) => (element as HTMLElement).style.top).join());
    for (let page = 0; page < 100; page += 1) {
      const before = lines.size;
      for (let index = 0; index < (await rendered.count()); index += 1) {
        const line = rendered.nth(index);
        const top = Number(/top:\s*(-?[\d.]+)px/.exec((await line.getAttribute('style')) ?? '')?.[1]);
        lines.set(top, (await line.innerText()).replace(/\u00a0/g, ' '));
      }
      if (lines.size === before) break;
      // Read the next page once Monaco has drawn other lines; at the end of the text nothing changes.
      const drawnBefore = await drawn();
      await this.page.keyboard.press('PageDown');
      for (const deadline = Date.now() + 2_000; (await drawn()) === drawnBefore && Date.now() < deadline;)
        await this.page.waitForTimeout(50);
    }
    return [...lines.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, text]) => text)
      .join('\n');
  }

  async editorTabTitle(): Promise<string> {
    return (
      await this.page.locator('.part.editor .editor-group-container.active .tab.active').innerText({ timeout: 10_000 })
    ).trim();
  }

  async screenshot(step: string): Promise<string> {
    this.shots += 1;
    const file = path.join(
      this.screenshotDir,
      `${String(this.shots).padStart(2, '0')}-${step.replace(/[^a-z0-9-]+/gi, '-')}.png`,
    );
    await this.page.screenshot({ path: file });
    return file;
  }

  async notifications(): Promise<Notification[]> {
    // Read in one pass: read toast by toast, a toast arriving meanwhile shifts the others, and the icon of one
    // would be paired with the message of another.
    const shown = await this.page
      .locator('.notifications-toasts .notification-toast .notification-list-item')
      .evaluateAll((items) =>
        items.map((item) => ({
          iconClass: item.querySelector('.notification-list-item-icon')?.className ?? '',
          message: (item.querySelector('.notification-list-item-message') as HTMLElement | null)?.innerText ?? '',
        })),
      );
    return shown.map(({ iconClass, message }) => ({
      severity: severities.find((name) => iconClass.includes(`codicon-${name}`)) ?? 'info',
      message,
    }));
  }

  private async toggleRow(label: string, expanded: 'true' | 'false'): Promise<void> {
    const row = this.row(label).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    if ((await row.getAttribute('aria-expanded')) !== expanded) await row.locator('.monaco-tl-twistie').click();
    await this.page
      .locator(rowSelector(label, `[aria-expanded="${expanded}"]`))
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
  }

  /** Into `target` and a little across it: VS Code starts a hover on a move within, not on one jump onto it. */
  private async moveOnto(target: Locator): Promise<void> {
    await target.waitFor({ state: 'visible', timeout: 30_000 });
    const box = await target.boundingBox();
    if (!box) throw new Error('the element to move onto is not on screen');
    for (const fraction of [0.1, 0.3, 0.5])
      await this.page.mouse.move(box.x + box.width * fraction, box.y + box.height / 2);
  }

  /** Rows of a list in the order shown (rows are reused, so the DOM order is not the list's order). */
  private async listRows(selector: string): Promise<Row[]> {
    const rows = this.page.locator(selector);
    const found: Array<Row & { index: number }> = [];
    for (let index = 0; index < (await rows.count()); index += 1) {
      const row = rows.nth(index);
      found.push({
        index: Number(await row.getAttribute('data-index')),
        label: (await row.locator('.label-name').allInnerTexts()).join('').trim(),
        description: (await row.locator('.label-description').allInnerTexts()).join('').trim(),
      });
    }
    return found.sort((a, b) => a.index - b.index).map(({ label, description }) => ({ label, description }));
  }
}

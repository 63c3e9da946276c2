// Headless Chromium driven by playwright-core. playwright-core lives in the runner's cache (not in the
// project's dependencies), so the part of its API the runners and walks use is declared here.
import * as fs from 'node:fs';
import { ensurePlaywright } from './install';
import { onCleanup } from './processes';

export interface Locator {
  click(options?: { timeout?: number }): Promise<void>;
  fill(value: string, options?: { timeout?: number }): Promise<void>;
  press(key: string, options?: { timeout?: number }): Promise<void>;
  waitFor(options?: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }): Promise<void>;
  isVisible(): Promise<boolean>;
  inputValue(options?: { timeout?: number }): Promise<string>;
  count(): Promise<number>;
  first(): Locator;
  nth(index: number): Locator;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  filter(options: { hasText?: string | RegExp }): Locator;
  innerText(options?: { timeout?: number }): Promise<string>;
  allInnerTexts(): Promise<string[]>;
  getAttribute(name: string, options?: { timeout?: number }): Promise<string | null>;
}

export interface FrameLocator {
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  frameLocator(selector: string): FrameLocator;
}

export interface ConsoleMessage {
  type(): string;
  text(): string;
}

export interface Page {
  goto(url: string, options?: { timeout?: number }): Promise<unknown>;
  reload(options?: { timeout?: number }): Promise<unknown>;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  frameLocator(selector: string): FrameLocator;
  keyboard: { press(key: string): Promise<void>; type(text: string): Promise<void> };
  mouse: { move(x: number, y: number): Promise<void> };
  screenshot(options: { path: string }): Promise<Buffer>;
  exposeFunction(name: string, callback: (...args: never[]) => unknown): Promise<unknown>;
  on(event: 'console', listener: (message: ConsoleMessage) => void): void;
  on(event: 'pageerror', listener: (error: Error) => void): void;
  waitForTimeout(ms: number): Promise<void>;
}

interface BrowserContext {
  pages(): Page[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

interface Chromium {
  launchPersistentContext(
    userDataDir: string,
    options: {
      executablePath: string;
      headless: boolean;
      args: string[];
      viewport: { width: number; height: number };
      handleSIGINT: boolean;
      handleSIGTERM: boolean;
      handleSIGHUP: boolean;
    },
  ): Promise<BrowserContext>;
}

const chromiumCandidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** `CHROME_PATH`, else the usual install locations. */
export function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROME_PATH is ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  const found = chromiumCandidates.find((candidate) => fs.existsSync(candidate));
  if (!found) {
    throw new Error(
      'No Chromium found (looked at CHROME_PATH and ' +
        `${chromiumCandidates.join(', ')}). Install it (Debian/Ubuntu: \`apt-get install -y chromium\`) or set CHROME_PATH.`,
    );
  }
  return found;
}

/** Flags that let Chromium run as root on a machine with no network beyond loopback. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function isChromium(value: unknown): value is { chromium: Chromium } {
  return typeof value === 'object' && value !== null && 'chromium' in value;
}

/** A headless browser with its profile in `profileDir`, closed by the runner's cleanup at the latest. */
export async function openBrowser(profileDir: string): Promise<{ page: Page; close(): Promise<void> }> {
  const executablePath = findChromium();
  const loaded: unknown = require(await ensurePlaywright());
  if (!isChromium(loaded)) throw new Error('playwright-core did not load');
  const context = await loaded.chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1280, height: 800 },
    // The runner's own handlers stop everything in order; playwright's would exit the process first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const close = onCleanup(() => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  return { page, close };
}

// Headless Chromium (the machine's own, not one Playwright downloads) driven by playwright-core.
import * as fs from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { onCleanup } from './processes';

export type { ConsoleMessage, FrameLocator, Locator, Page } from 'playwright-core';

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

/** A headless browser with its profile in `profileDir`, closed by the runner's cleanup at the latest. */
export async function openBrowser(profileDir: string): Promise<{ page: Page; close(): Promise<void> }> {
  const executablePath = findChromium();
  const context = await chromium.launchPersistentContext(profileDir, {
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

// How long the architecture webview takes to apply an update, measured in the browser on the big rack of
// scripts/architectureBench.ts: a real workbench with the panel open, one server drained in the simulator per
// update, the webview's own timing (apply, settle, style and layout) read from its page.
import { bigRackScenario } from '../test/sim';
import { startSession } from '../test/ui/session';
import { median } from './benchWorld';

/** Updates measured; each drains one more server, which changes that server and its zone. */
const updates = 9;

export interface ApplyUpdate {
  /** Median of the webview's time to apply one update. */
  medianMs: number;
  runsMs: number[];
}

export async function measureApplyUpdate(shape: { instances: number; tasks: number }): Promise<ApplyUpdate> {
  const session = await startSession('architecture-apply', {
    scenario: bigRackScenario(shape),
    // An organisation of another name, so that the rack's row is the only one labelled "big".
    settings: { 'convox.architecture.refreshInterval': 1, 'convox.organizations': { bench: ['big'] } },
  });
  try {
    const { ui } = session;
    const simulator = ui.simulator;
    if (!simulator) throw new Error('the session has no simulator');
    await session.open();
    await ui.openView();
    await ui.row('big').waitFor({ timeout: 60_000 });
    await ui.settled();
    await ui.clickRowAction('big', 'Show Rack Architecture');
    await ui.restMouse();
    const page = ui.page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');
    const servers = page.locator('.kind-server');
    await servers.first().waitFor({ timeout: 60_000 });
    const ids = (
      await servers.evaluateAll((items) =>
        items.map((item) => /server (i-[0-9a-f]+)/.exec(item.getAttribute('aria-label') ?? '')?.[1] ?? ''),
      )
    ).filter(Boolean);
    const body = page.locator('body');
    const runsMs: number[] = [];
    for (const id of ids.slice(0, updates)) {
      const before = Number((await body.getAttribute('data-updates')) ?? 0);
      simulator.world.drainServer(id);
      await page.locator(`body[data-updates="${before + 1}"]`).waitFor({ timeout: 30_000 });
      runsMs.push(Number(await body.getAttribute('data-last-update-ms')));
    }
    return { medianMs: median(runsMs), runsMs };
  } finally {
    await session.stop();
  }
}

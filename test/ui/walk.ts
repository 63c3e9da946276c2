// Declares a UI walk: a person's path through the workbench, one per file (test/ui/NAME.walk.ts calling
// `walk(name, async (ui) => …, options)`; see racksView.walk.ts). Each walk gets a fresh simulator (with
// `options.scenario`: the default scenario unless given, or 'none' for no AWS at all), code-server and browser.
import type { Scenario } from '../sim';
import type { Ui } from './workbench';

export interface WalkOptions {
  /**
   * The simulator's world; 'none' for a user without any AWS configuration. Default: defaultScenario(). A
   * function is called when the walk starts: walks wait their turn, and a world whose times are relative to now
   * (a server launched 3 minutes ago) must not age while they wait.
   */
  scenario?: Scenario | 'none' | (() => Scenario);
  /** More VS Code user settings, over the scenario's. */
  settings?: Record<string, unknown>;
  /** More environment for code-server and its extension host. */
  env?: Record<string, string>;
}

export interface Walk {
  name: string;
  options: WalkOptions;
  body(ui: Ui): Promise<void>;
}

/** Filled as the walk files are loaded; the UI runner runs them in order. */
export const walks: Walk[] = [];

export function walk(name: string, body: (ui: Ui) => Promise<void>, options: WalkOptions = {}): void {
  if (!/^[a-z0-9-]+$/.test(name))
    throw new Error(`walk name "${name}" must be kebab-case (it names the screenshot folder)`);
  walks.push({ name, options, body });
}

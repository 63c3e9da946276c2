import * as path from 'node:path';

/** Which of the v2 CLI's rules chose its configuration directory. */
export type DirectoryRule = 'CONVOX_CONFIG' | 'xdg' | 'legacy';

export interface CliDirectory {
  path: string;
  rule: DirectoryRule;
}

export interface DirectoryInputs {
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  platform: NodeJS.Platform;
  /** Whether a directory exists; the legacy `~/.convox` is used only when it does and the XDG one does not. */
  exists: (directory: string) => boolean;
}

/** The XDG configuration directory the v2 CLI's settings library uses on each platform. */
function xdgConfigHome({ env, home, platform }: DirectoryInputs): string {
  if (env.XDG_CONFIG_HOME) return env.XDG_CONFIG_HOME;
  if (platform === 'darwin') return path.join(home, 'Library', 'Preferences');
  if (platform === 'win32') return env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local');
  return path.join(home, '.config');
}

/**
 * Where the v2 `convox` CLI keeps its files: `$CONVOX_CONFIG`, else `<XDG config>/convox2`; CLIs from before late
 * 2022 used `~/.convox`, which stays the one in use while the XDG directory has not been made.
 */
export function cliConfigDirectory(inputs: DirectoryInputs): CliDirectory {
  const configured = inputs.env.CONVOX_CONFIG;
  if (configured) return { path: configured, rule: 'CONVOX_CONFIG' };
  const xdg = path.join(xdgConfigHome(inputs), 'convox2');
  const legacy = path.join(inputs.home, '.convox');
  if (!inputs.exists(xdg) && inputs.exists(legacy)) return { path: legacy, rule: 'legacy' };
  return { path: xdg, rule: 'xdg' };
}

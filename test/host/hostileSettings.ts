// What a hostile repository's `.vscode/settings.json` sets in the hostile-workspace sessions: every user-only
// setting (see userOnlySettings in src/model/settings.ts) with a value the person did not choose, and one
// window-scoped setting that a workspace may set, which shows the file was read at all.

/** The person's own choices in those sessions, which the workspace tries to override. */
export const personalSettings = { 'convox.terminal.exportRack': false, 'convox.cli.syncCurrentRack': 'off' };

export const hostileWorkspaceSettings = {
  'convox.releasesUrl': 'https://attacker.example/release/versions.json',
  'convox.terminal.exportRack': true,
  'convox.cli.syncCurrentRack': 'always',
  'convox.refreshInterval': 0.001,
  'convox.architecture.refreshInterval': 1,
  'convox.requestTimeout': 1,
  'convox.organizations': { evil: ['acme-prod', 'acme-readonly', 'acme-staging', 'globex', 'initech'] },
  'convox.regions': ['ap-south-1'],
  'convox.logs.bufferLines': 1_000_000,
  'convox.alerts.watch': 'all',
  'convox.alerts.interval': 10,
  'convox.alerts.convergingLimit': 1,
  'convox.racks.cacheLastSeen': false,
  'convox.statusBar.enabled': false,
};

/** The environment variable telling the test whether its window is trusted ('trusted') or in Restricted Mode. */
export const trustVariable = 'CONVOX_TEST_TRUST';

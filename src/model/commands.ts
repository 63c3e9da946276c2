/**
 * Every command the extension contributes, by the name the code uses, with its id and title as package.json
 * declares them (a unit test holds the two together): an id is never spelled out anywhere else.
 */
export const commands = {
  refresh: { id: 'convox.refresh', title: 'Refresh Racks' },
  switchRack: { id: 'convox.switchRack', title: 'Switch Rack' },
  inspectRack: { id: 'convox.inspectRack', title: 'Inspect Rack' },
  showArchitecture: { id: 'convox.showArchitecture', title: 'Show Rack Architecture' },
  chooseRegions: { id: 'convox.chooseRegions', title: 'Choose Regions…' },
  showLog: { id: 'convox.showLog', title: 'Show Log' },
  retryDiscovery: { id: 'convox.retryDiscovery', title: 'Retry' },
  refreshInspection: { id: 'convox.refreshInspection', title: 'Refresh Inspection' },
  openTerminal: { id: 'convox.openTerminal', title: 'Open Terminal on Rack' },
  copyRackUrl: { id: 'convox.copyRackUrl', title: 'Copy Rack URL' },
  installRack: { id: 'convox.installRack', title: 'Install Rack…' },
  uninstallRack: { id: 'convox.uninstallRack', title: 'Uninstall Rack…' },
  updateRack: { id: 'convox.updateRack', title: 'Update Rack…' },
  setRackParameters: { id: 'convox.setRackParameters', title: 'Set Rack Parameters…' },
  scaleRack: { id: 'convox.scaleRack', title: 'Scale Rack…' },
  manageTrustedCertificates: { id: 'convox.manageTrustedCertificates', title: 'Manage Trusted Rack Certificates' },
  showRackLogs: { id: 'convox.showRackLogs', title: 'Show Rack Logs' },
  diagnoseRack: { id: 'convox.diagnoseRack', title: 'Diagnose Rack' },
  watchRack: { id: 'convox.watchRack', title: 'Watch Rack' },
  stopWatchingRack: { id: 'convox.stopWatchingRack', title: 'Stop Watching Rack' },
  diagnoseAgain: { id: 'convox.diagnoseAgain', title: 'Diagnose Again' },
  logsSince: { id: 'convox.logs.since', title: 'Logs Since…' },
  logsFilter: { id: 'convox.logs.filter', title: 'Filter Logs…' },
  logsStreams: { id: 'convox.logs.streams', title: 'Choose Log Streams…' },
  logsPause: { id: 'convox.logs.pause', title: 'Pause Logs' },
  logsResume: { id: 'convox.logs.resume', title: 'Resume Logs' },
  logsRetry: { id: 'convox.logs.retry', title: 'Retry Logs' },
  logsOptions: { id: 'convox.logs.options', title: 'Logs Options…' },
} as const;

export type CommandName = keyof typeof commands;

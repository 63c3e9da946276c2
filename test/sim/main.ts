// `npm run sim`: the default scenario on 127.0.0.1 for manual tries and F5 (.vscode/launch.json), with AWS config
// files written next to it and a workspace folder whose settings point the extension at it. As in `npm run demo`,
// acme/production's API is the simulator's HTTPS listener, so Update, Set Parameters and Scale can be tried.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeAwsConfig } from './awsconfig';
import { defaultScenario } from './scenarios/default';
import { updateRacks } from './scenarios/update';
import { startSimulator, type Simulator } from './server';

interface Arguments {
  port: number;
  latencyMs: number;
  dir: string;
}

const usage = 'usage: npm run sim -- [--port N] [--latency MS] [--dir FOLDER]';

function parseArguments(argv: string[]): Arguments {
  const parsed: Arguments = { port: 4566, latencyMs: 0, dir: path.resolve('.sim') };
  for (let index = 0; index < argv.length; index += 2) {
    const [flag, value] = [argv[index], argv[index + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value\n${usage}`);
    if (flag === '--port' && /^\d+$/.test(value)) parsed.port = Number(value);
    else if (flag === '--latency' && /^\d+$/.test(value)) parsed.latencyMs = Number(value);
    else if (flag === '--dir') parsed.dir = path.resolve(value);
    else throw new Error(`unexpected ${flag} ${value}\n${usage}`);
  }
  return parsed;
}

async function start(args: Arguments): Promise<Simulator> {
  const scenario = { ...defaultScenario({ now: new Date() }), dashboardRacks: updateRacks };
  try {
    return await startSimulator({ scenario, port: args.port, latencyMs: args.latencyMs, dashboard: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.error(`port ${args.port} is busy; using a free one`);
    return startSimulator({ scenario, latencyMs: args.latencyMs, dashboard: true });
  }
}

/** A folder whose `.vscode/settings.json` holds `settings`, for a VS Code window opened on it. */
function writeWorkspace(folder: string, settings: Record<string, unknown>): string {
  fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  return folder;
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const sim = await start(args);
  const { configFile, credentialsFile, settings: awsSettings } = writeAwsConfig(args.dir, sim, sim.scenario);
  const settings = { ...awsSettings, 'convox.releasesUrl': sim.releasesUrl };
  const workspace = writeWorkspace(path.join(args.dir, 'workspace'), settings);
  // Before anything is printed: whoever reads the output may signal as soon as it sees it.
  const stop = (): void => {
    void sim.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  console.log(`AWS simulator listening on ${sim.url}`);
  console.log(`config:      ${configFile}`);
  console.log(`credentials: ${credentialsFile}\n`);
  console.log(`export AWS_CONFIG_FILE=${configFile}`);
  console.log(`export AWS_SHARED_CREDENTIALS_FILE=${credentialsFile}\n`);
  console.log(fs.readFileSync(configFile, 'utf8'));
  console.log(`VS Code settings (also in the workspace folder ${workspace}):`);
  console.log(JSON.stringify(settings, null, 2));
  console.log('\nCtrl+C stops it.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

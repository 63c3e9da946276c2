// Where the runners find the project and keep their caches and artifacts (compiled to out/test/runner/).
import * as os from 'node:os';
import * as path from 'node:path';

export const projectRoot = path.resolve(__dirname, '..', '..', '..');
/**
 * The tools the runners install (code-server builds native modules for minutes; Node): kept per user, outside the
 * clone, so that a fresh clone of the project reuses them. CONVOX_RACKS_CACHE names another folder.
 */
export const cacheDir =
  process.env.CONVOX_RACKS_CACHE ??
  path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'convox-racks');
/** Ignored folder of screenshots and other artifacts for a reviewer. */
export const resultsDir = path.join(projectRoot, 'test-results');
/** The compiled host tests, loaded by the extension host. */
export const hostTestsDir = path.join(projectRoot, 'out', 'test', 'host');
export const uiWalksDir = path.join(projectRoot, 'out', 'test', 'ui');

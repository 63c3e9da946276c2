// Where the runners find the project and keep their caches and artifacts (compiled to out/test/runner/).
import * as path from 'node:path';

export const projectRoot = path.resolve(__dirname, '..', '..', '..');
/** Ignored cache of the tools the runners install (code-server and its Node). */
export const cacheDir = path.join(projectRoot, '.vscode-test');
/** Ignored folder of screenshots and other artifacts for a reviewer. */
export const resultsDir = path.join(projectRoot, 'test-results');
/** The compiled host tests, loaded by the extension host. */
export const hostTestsDir = path.join(projectRoot, 'out', 'test', 'host');
export const uiWalksDir = path.join(projectRoot, 'out', 'test', 'ui');

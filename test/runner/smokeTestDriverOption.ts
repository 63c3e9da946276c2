// Preloaded (`node -r`) into code-server releases whose command line has no `--vscode-option` (4.110, the minimum
// stage's): declares VS Code's own `--enable-smoke-test-driver` in code-server's option table, which hands every
// parsed option on to VS Code. Without the driver the workbench ignores the test payload (see codeServer.ts).
import * as path from 'node:path';

interface CodeServerCli {
  options: Record<string, { type: string; description?: string }>;
}

// code-server's entry point is the script node runs; its option table is the module beside it. Node hands this
// preload on to the processes code-server forks (the extension host, …): there it has nothing to do.
const entry = process.argv[1] ?? '';
if (entry.endsWith(path.join('code-server', 'out', 'node', 'entry.js'))) {
  const cli = require(path.join(path.dirname(entry), 'cli.js')) as CodeServerCli;
  cli.options['enable-smoke-test-driver'] = { type: 'boolean', description: 'VS Code: enable the smoke-test driver.' };
}

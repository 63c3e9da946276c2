// `node out/test/runner/prepare.js`: installs every code-server and Node the host, minimum and UI stages run on
// into the cache (install.ts), so that stages.ts can do it while the unit and sim stages run. Each install is
// reused when present; this only saves waiting later.
import { currentRelease, ensureCodeServer, minimumRelease } from './install';
import { main } from './processes';

main(async () => {
  for (const release of [currentRelease, minimumRelease]) {
    const tools = await ensureCodeServer(release);
    console.log(`ready: code-server ${release.codeServer} (VS Code ${release.vscode}) on ${tools.node}`);
  }
  return 0;
});

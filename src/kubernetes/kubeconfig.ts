import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

type Environment = Readonly<Record<string, string | undefined>>;

/** kubectl's kubeconfig files: `KUBECONFIG`'s list, else `~/.kube/config`. */
export function kubeconfigFiles(env: Environment): string[] {
  return env.KUBECONFIG
    ? env.KUBECONFIG.split(path.delimiter).filter(Boolean)
    : [path.join(env.HOME ?? os.homedir(), '.kube', 'config')];
}

/**
 * Why there is no kubeconfig to read, or undefined when one exists. Checked before the 2 MB Kubernetes client is
 * loaded, which most AWS-only machines never need; without this check the client would fall back to
 * http://localhost:8080, where kubectl would fail instead.
 */
export function missingKubeconfig(env: Environment): string | undefined {
  if (kubeconfigFiles(env).some((file) => fs.existsSync(file))) return undefined;
  return `no kubeconfig (${env.KUBECONFIG ? `KUBECONFIG=${env.KUBECONFIG}` : '~/.kube/config'} does not exist)`;
}

/** The kubeconfig files as they are now (path, modification time, size): what was read is reused until it changes. */
export function kubeconfigVersion(env: Environment): string {
  return JSON.stringify(
    kubeconfigFiles(env).map((file) => {
      try {
        const stat = fs.statSync(file);
        return [file, stat.mtimeMs, stat.size];
      } catch {
        return [file];
      }
    }),
  );
}

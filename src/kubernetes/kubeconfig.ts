import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Why there is no kubeconfig to read (kubectl's files: `KUBECONFIG`'s list, else `~/.kube/config`), or undefined
 * when one exists. Checked before the 2 MB Kubernetes client is loaded, which most AWS-only machines never need;
 * without this check the client would fall back to http://localhost:8080, where kubectl would fail instead.
 */
export function missingKubeconfig(env: Environment): string | undefined {
  const files = env.KUBECONFIG ? env.KUBECONFIG.split(path.delimiter).filter(Boolean) : [path.join(env.HOME ?? os.homedir(), '.kube', 'config')];
  if (files.some((file) => fs.existsSync(file))) return undefined;
  return `no kubeconfig (${env.KUBECONFIG ? `KUBECONFIG=${env.KUBECONFIG}` : '~/.kube/config'} does not exist)`;
}

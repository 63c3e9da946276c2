import type { Rack } from '../rack';
import type { RackSecrets } from '../store/ports';
import { messageOf } from '../errorMessage';

/** The release that added the SSM parameter `<rack>RackApiSecret` (convox/rack 7170bd6fe). */
export const secretRelease = '20230322';

/** Where a rack's API password was found, or why it was not. */
export type PasswordRead =
  | { password: string; source: 'ssm' | 'cli'; why?: string }
  /** `missing`: the rack has no SSM parameter (older than the release that made it); `denied`: SSM refused; `failed`: SSM did not answer. */
  | { password: undefined; failure: 'missing' | 'denied' | 'failed'; ssmError?: string };

export function apiSecretName(rack: Pick<Rack, 'name'>): string {
  return `${rack.name}RackApiSecret`;
}

/**
 * A rack's API password: the SSM parameter `<rack>RackApiSecret`; where the rack has none (it predates release
 * 20230322) or SSM cannot be read, the convox CLI's own `auth` entry for the rack's API host, as the CLI itself
 * would use it.
 */
export async function readRackPassword(
  rack: Rack & { apiHost: string },
  secrets: RackSecrets,
  cliPassword: (host: string) => Promise<string | undefined>,
  deadlineMs: number,
): Promise<PasswordRead> {
  let failure: 'missing' | 'denied' | 'failed' = 'missing';
  let ssmError: string | undefined;
  try {
    const password = await secrets.apiPassword(rack, deadlineMs);
    if (password !== undefined) return { password, source: 'ssm' };
  } catch (error) {
    ssmError = messageOf(error);
    failure = (error as { kind?: string }).kind === 'access-denied' ? 'denied' : 'failed';
  }
  const fromCli = await cliPassword(rack.apiHost);
  if (fromCli !== undefined) {
    const why =
      failure === 'missing'
        ? `the rack has no SSM parameter ${apiSecretName(rack)}: it predates release ${secretRelease}`
        : 'SSM could not be read';
    return { password: fromCli, source: 'cli', why };
  }
  return { password: undefined, failure, ssmError };
}

/** What to tell a person whose rack has neither the SSM secret nor an entry in the CLI's auth file. */
export function olderRackAdvice(rack: Pick<Rack, 'name' | 'displayName'>, host: string): string {
  return `${rack.displayName} has no SSM parameter ${apiSecretName(rack)}: it predates release ${secretRelease}, which added it, and the convox CLI's auth file has no password for ${host}. Run \`convox login ${host}\` with the rack's password (whoever installed the rack has it), or update the rack to release ${secretRelease} or later, which keeps it in SSM.`;
}

import { localRackEndpoint } from '../local/localRacks';
import type { Rack } from '../rack';

/**
 * The address the convox CLI reaches a rack's API at, password included (`RACK_URL` wins over all its other
 * settings). The password is escaped so that any character survives in the user-info part.
 */
export function rackApiUrl(host: string, password: string): string {
  return `https://convox:${encodeURIComponent(password)}@${host}`;
}

/** Every variable the extension may set in a terminal: a terminal gets its own values of all of them, or none. */
export const terminalVariableNames = ['CONVOX_HOST', 'CONVOX_PASSWORD', 'CONVOX_RACK', 'RACK_URL'] as const;

export type TerminalVariables = Partial<Record<(typeof terminalVariableNames)[number], string>>;

/** What a terminal's variables are made from. */
export type TerminalRack = Pick<Rack, 'name' | 'fullName' | 'apiHost' | 'local'>;

/**
 * A host that never resolves (`.invalid` is reserved for that, RFC 2606): for a rack without an API address yet,
 * the CLI fails naming it rather than falling back to the host its own files name.
 */
export function noApiHost(rack: Pick<Rack, 'name'>): string {
  return `${rack.name}.no-api-address-yet.invalid`;
}

/**
 * Variables of every new terminal, following the current rack, chosen by the v2 CLI's endpoint rules
 * (`currentEndpoint`: `RACK_URL`, else a `local/` rack name, else `CONVOX_HOST` or the `host` file with
 * `CONVOX_PASSWORD` or `auth[host]`; the name: `-r`, `CONVOX_RACK`, `./.convox2/rack`, `racks[host]`, `rack`):
 * - a rack on AWS: `CONVOX_HOST` pins the CLI to its API host, whatever its `host` file says; with the password
 *   when it could be read (else the CLI uses its own `auth` entry for that host, or is refused: never another
 *   rack). No `RACK_URL` and no `CONVOX_RACK`, so `-r` and the per-directory rack file still win as in any
 *   terminal, unless the CLI's own files would name a `local/` rack for that host (`cliNameForHost`), which would
 *   take it elsewhere: then `CONVOX_RACK` names the rack;
 * - a local rack: `CONVOX_RACK=local/<namespace>`, which is how the CLI finds it (`-r` still wins).
 */
export function currentRackVariables(
  rack: TerminalRack,
  password: string | undefined,
  cliNameForHost: string | undefined,
): TerminalVariables {
  if (rack.local) return { CONVOX_RACK: rack.fullName };
  const host = rack.apiHost ?? noApiHost(rack);
  const variables: TerminalVariables = { CONVOX_HOST: host };
  if (password !== undefined && rack.apiHost) variables.CONVOX_PASSWORD = password;
  if (cliNameForHost?.startsWith('local/')) variables.CONVOX_RACK = rack.name;
  return variables;
}

/**
 * Variables of a terminal opened with Open Terminal on Rack, pinned to that rack: `RACK_URL`, which wins over
 * everything else (`-r` included), with the password; without one, `CONVOX_HOST` as in any terminal.
 * `CONVOX_RACK` is the name the CLI knows the rack by (a rack on AWS: its stack name; a local one: `local/…`).
 */
export function pinnedRackVariables(rack: TerminalRack, password: string | undefined): TerminalVariables {
  if (rack.local) return { CONVOX_RACK: rack.fullName, RACK_URL: localRackEndpoint(rack.local.namespace) };
  if (password !== undefined && rack.apiHost)
    return { CONVOX_RACK: rack.name, RACK_URL: rackApiUrl(rack.apiHost, password) };
  return { CONVOX_HOST: rack.apiHost ?? noApiHost(rack), CONVOX_RACK: rack.name };
}

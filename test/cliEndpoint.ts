// The v2 convox CLI's endpoint rules, as the reference states them (§5, pkg/cli/helpers.go currentEndpoint and
// currentRack), written out on their own so tests can ask "where would `convox` in this terminal go?" without
// the extension's code. Model-free on purpose: it must not share a mistake with what it checks.

/** What the CLI reads: its environment, its flag, the per-directory rack file and its own setting files. */
export interface CliInputs {
  env: Readonly<Record<string, string | undefined>>;
  /** `--rack`/`-r`. */
  flag?: string;
  /** `./.convox2/rack`. */
  directoryRack?: string;
  files: { host?: string; rack?: string; auth?: Record<string, string>; racks?: Record<string, string> };
}

/** Where the CLI sends a command: a host and the password it sends (none: the rack refuses it), and the rack name it shows. */
export interface CliTarget {
  host: string;
  password?: string;
  rack?: string;
}

export type CliResolution = CliTarget | { error: string };

/** The rack name (`currentRack`): `-r`, `CONVOX_RACK`, `./.convox2/rack`, `racks[host]`, the `rack` file. */
export function cliRackName(inputs: CliInputs, host: string): string | undefined {
  const nonEmpty = (value: string | undefined): string | undefined => (value ? value : undefined);
  return (
    nonEmpty(inputs.flag) ??
    nonEmpty(inputs.env.CONVOX_RACK) ??
    nonEmpty(inputs.directoryRack) ??
    nonEmpty(inputs.files.racks?.[host]) ??
    nonEmpty(inputs.files.rack)
  );
}

/**
 * The endpoint (`currentEndpoint`), first match wins: `RACK_URL` as it is; a rack name starting `local/` →
 * `https://rack.<rest>`; else host = `CONVOX_HOST`, else the `host` file, password = `CONVOX_PASSWORD`, else
 * `auth[host]`. No host at all is an error (the local-rack lookup of that case finds none in a test).
 */
export function cliEndpoint(inputs: CliInputs): CliResolution {
  const host = inputs.env.CONVOX_HOST || inputs.files.host || '';
  const rack = cliRackName(inputs, host);
  const rackUrl = inputs.env.RACK_URL;
  if (rackUrl) {
    const url = new URL(rackUrl);
    return { host: url.host, password: url.password ? decodeURIComponent(url.password) : undefined, rack };
  }
  if (rack?.startsWith('local/')) return { host: `rack.${rack.slice('local/'.length)}`, rack };
  if (!host) return { error: 'no racks found, try `convox login`' };
  const password = inputs.env.CONVOX_PASSWORD || inputs.files.auth?.[host] || undefined;
  return { host, password, rack };
}

/**
 * A rack's API address comes from its stack's `Dashboard` output, which anyone able to update the stack can set.
 * It reaches an HTTPS request, the CLI's `host` file and a shell hint, so only `host[:port]` is accepted: DNS labels
 * or an IPv4 address, and a port from 1 to 65535. Anything else (a path, a user, a space, a newline) is no address.
 */
const label = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
const ipv4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const maxHostLength = 253;

function validHostname(hostname: string): boolean {
  // An empty hostname fails the label test below.
  if (hostname.length > maxHostLength) return false;
  if (/^[\d.]+$/.test(hostname)) return ipv4.test(hostname);
  return hostname.split('.').every((part) => label.test(part));
}

function validPort(port: string): boolean {
  return /^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65_535;
}

/** The `Dashboard` output when it is a `host[:port]`; undefined for anything else. */
export function validApiHost(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const colon = value.indexOf(':');
  const hostname = colon < 0 ? value : value.slice(0, colon);
  if (!validHostname(hostname)) return undefined;
  if (colon >= 0 && !validPort(value.slice(colon + 1))) return undefined;
  return value;
}

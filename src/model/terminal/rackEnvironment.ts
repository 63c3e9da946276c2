/**
 * The address the convox CLI reaches a rack's API at, password included (`RACK_URL` wins over all its other
 * settings). The password is escaped so that any character survives in the user-info part.
 */
export function rackApiUrl(host: string, password: string): string {
  return `https://convox:${encodeURIComponent(password)}@${host}`;
}

/** What a terminal needs so that `convox` in it targets the rack: its name, and its address when known. */
export function rackVariables(fullName: string, url: string | undefined): Record<string, string> {
  return url === undefined ? { CONVOX_RACK: fullName } : { CONVOX_RACK: fullName, RACK_URL: url };
}

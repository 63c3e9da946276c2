import * as vscode from 'vscode';
import { inertText } from '../../model/untrustedText';
import type { Rack } from '../../model/rack';
import type { RackSecrets } from '../../model/store/ports';
import { rackApiUrl } from '../../model/terminal/rackEnvironment';
import { requestTimeoutSeconds } from '../settings';

/** The release that added the SSM parameter `<rack>RackApiSecret` (convox/rack 7170bd6fe). */
export const secretRelease = '20230322';

/**
 * Rack API passwords, kept in memory only (never in settings, the log or a message): read from the SSM parameter
 * `<rack>RackApiSecret` when first needed; where the rack has none (it predates release 20230322) or it cannot be
 * read, from the convox CLI's own `auth` entry for the rack's API host. Without either the person is told why.
 */
export class RackPasswords {
  private readonly known = new Map<string, Promise<string | undefined>>();
  private deniedTold = false;
  /** Racks whose missing secret was told about, so each is told once. */
  private readonly olderTold = new Set<string>();

  constructor(
    private readonly secrets: RackSecrets,
    /** `auth[host]` of the convox CLI's files. */
    private readonly cliPassword: (host: string) => Promise<string | undefined>,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The rack's API password; undefined when it has none, or it cannot be read (the reason is in the log). */
  password(rack: Rack): Promise<string | undefined> {
    if (!rack.apiHost) return Promise.resolve(undefined);
    let known = this.known.get(rack.stackId);
    if (!known) {
      known = this.read(rack, rack.apiHost);
      this.known.set(rack.stackId, known);
    }
    return known;
  }

  /** The rack API refused the password (HTTP 401): it is read again next time (a rotated secret needs no reload). */
  forget(rack: Rack): void {
    this.known.delete(rack.stackId);
  }

  /** `https://convox:<password>@<Dashboard>`, or undefined without a password. */
  async url(rack: Rack): Promise<string | undefined> {
    const password = await this.password(rack);
    return password === undefined || !rack.apiHost ? undefined : rackApiUrl(rack.apiHost, password);
  }

  private async read(rack: Rack, host: string): Promise<string | undefined> {
    const parameter = `${rack.name}RackApiSecret`;
    let failure: 'missing' | 'denied' | 'failed' = 'missing';
    try {
      const password = await this.secrets.apiPassword(rack, requestTimeoutSeconds() * 1000);
      if (password !== undefined) return password;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.warn(`The API password of ${rack.displayName} could not be read from SSM: ${message}`);
      failure = (error as { kind?: string }).kind === 'access-denied' ? 'denied' : 'failed';
      // Not remembered: a network failure or a timeout may be gone next time.
      if (failure === 'failed') this.known.delete(rack.stackId);
    }
    const fromCli = await this.cliPassword(host);
    if (fromCli !== undefined) {
      const why = failure === 'missing' ? `the rack has no SSM parameter ${parameter}: it predates release ${secretRelease}` : 'SSM could not be read';
      this.log.info(`The API password of ${rack.displayName} is the convox CLI's auth entry for ${host} (${why}).`);
      return fromCli;
    }
    if (failure === 'denied') this.tellDenied();
    if (failure === 'missing') {
      this.tellOlder(rack, parameter, host);
      // Looked for again next time: a `convox login` meanwhile puts it in the CLI's auth file.
      this.known.delete(rack.stackId);
    }
    return undefined;
  }

  private tellDenied(): void {
    if (this.deniedTold) return;
    this.deniedTold = true;
    void vscode.window.showWarningMessage(
      "Convox: your AWS credentials may not read rack API passwords (ssm:GetParameter), and the convox CLI's auth file has none for the rack, so terminals and the convox CLI get the rack's address only. See the log for details.",
    );
  }

  /** The rack has no SSM secret and the CLI has no password for it: said in the log and once in a message. */
  private tellOlder(rack: Rack, parameter: string, host: string): void {
    const why = `${rack.displayName} has no SSM parameter ${parameter}: it predates release ${secretRelease}, which added it, and the convox CLI's auth file has no password for ${host}. Run \`convox login ${host}\` with the rack's password (whoever installed the rack has it), or update the rack to release ${secretRelease} or later, which keeps it in SSM.`;
    this.log.warn(why);
    if (this.olderTold.has(rack.stackId)) return;
    this.olderTold.add(rack.stackId);
    void vscode.window.showWarningMessage(`Convox: ${inertText(why)}`);
  }
}

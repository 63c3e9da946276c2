import * as vscode from 'vscode';
import { inertText } from '../../model/untrustedText';
import type { Rack } from '../../model/rack';
import { olderRackAdvice, readRackPassword } from '../../model/secrets/rackPassword';
import type { RackSecrets } from '../../model/store/ports';
import { rackApiUrl } from '../../model/terminal/rackEnvironment';
import { requestTimeoutSeconds } from '../shared/settings';

/**
 * Rack API passwords (see readRackPassword for where from), kept in memory only: never in settings, the log or a
 * message. Without one the person is told why, once.
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
      known = this.read({ ...rack, apiHost: rack.apiHost });
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

  private async read(rack: Rack & { apiHost: string }): Promise<string | undefined> {
    const read = await readRackPassword(rack, this.secrets, this.cliPassword, requestTimeoutSeconds() * 1000);
    if (read.password !== undefined) {
      if (read.source === 'cli')
        this.log.info(
          `The API password of ${rack.displayName} is the convox CLI's auth entry for ${rack.apiHost} (${read.why ?? ''}).`,
        );
      return read.password;
    }
    if (read.ssmError !== undefined)
      this.log.warn(`The API password of ${rack.displayName} could not be read from SSM: ${read.ssmError}`);
    // Read again next time unless SSM refused: a network failure may pass, a `convox login` adds the CLI's entry.
    if (read.failure !== 'denied') this.known.delete(rack.stackId);
    if (read.failure === 'denied') this.tellDenied();
    if (read.failure === 'missing') this.tellOlder(rack);
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
  private tellOlder(rack: Rack & { apiHost: string }): void {
    const why = olderRackAdvice(rack, rack.apiHost);
    this.log.warn(why);
    if (this.olderTold.has(rack.stackId)) return;
    this.olderTold.add(rack.stackId);
    void vscode.window.showWarningMessage(`Convox: ${inertText(why)}`);
  }
}

import * as vscode from 'vscode';
import type { Rack } from '../../model/rack';
import type { RackSecrets } from '../../model/store/ports';
import { rackApiUrl } from '../../model/terminal/rackEnvironment';
import { requestTimeoutSeconds } from '../settings';

/**
 * Rack API passwords, read from SSM when first needed and kept in memory only (never in settings, the log or a
 * message). Without permission to read them the person is told once, and everything goes on without them.
 */
export class RackPasswords {
  private readonly known = new Map<string, Promise<string | undefined>>();
  private deniedTold = false;

  constructor(
    private readonly secrets: RackSecrets,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The rack's API password; undefined when it has none, or it cannot be read (the reason is in the log). */
  password(rack: Rack): Promise<string | undefined> {
    if (!rack.apiHost) return Promise.resolve(undefined);
    let known = this.known.get(rack.stackId);
    if (!known) {
      known = this.read(rack);
      this.known.set(rack.stackId, known);
    }
    return known;
  }

  /** `https://convox:<password>@<Dashboard>`, or undefined without a password. */
  async url(rack: Rack): Promise<string | undefined> {
    const password = await this.password(rack);
    return password === undefined || !rack.apiHost ? undefined : rackApiUrl(rack.apiHost, password);
  }

  private async read(rack: Rack): Promise<string | undefined> {
    try {
      return await this.secrets.apiPassword(rack, requestTimeoutSeconds() * 1000);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if ((error as { kind?: string }).kind !== 'access-denied') {
        // Not remembered: a network failure or a timeout may be gone next time.
        this.known.delete(rack.stackId);
        this.log.warn(`The API password of ${rack.fullName} could not be read: ${message}`);
        return undefined;
      }
      this.log.warn(`The API password of ${rack.fullName} could not be read: ${message}`);
      if (!this.deniedTold) {
        this.deniedTold = true;
        void vscode.window.showWarningMessage(
          'Convox: your AWS credentials may not read rack API passwords (ssm:GetParameter), so terminals and the convox CLI get the rack name only. See the log for details.',
        );
      }
      return undefined;
    }
  }
}

import type * as vscode from 'vscode';
import type { Rack } from '../../model/rack';
import { StoredList } from '../storedList';

/** A rack API certificate the person chose to trust: its SHA-256 fingerprint, for that rack's API host only. */
export interface TrustedCertificate {
  rack: string;
  stackId: string;
  host: string;
  fingerprint: string;
  trustedAt: number;
}

const storageKey = 'convox.trustedRackCertificates';

/** Pins of rack API certificates, kept in global state (fingerprints only: nothing secret). */
export class TrustedCertificates {
  private readonly list: StoredList<TrustedCertificate>;

  constructor(state: vscode.Memento) {
    this.list = new StoredList<TrustedCertificate>(state, storageKey, ['rack', 'stackId', 'host', 'fingerprint'], ['trustedAt']);
  }

  all(): TrustedCertificate[] {
    return this.list.all();
  }

  /** The pinned fingerprint for this rack's API host, if any. */
  fingerprint(rack: Rack): string | undefined {
    return this.all().find((pin) => pin.stackId === rack.stackId && pin.host === rack.apiHost)?.fingerprint;
  }

  async trust(rack: Rack, fingerprint: string): Promise<void> {
    if (!rack.apiHost) return;
    const host = rack.apiHost;
    await this.list.replace((pin) => !(pin.stackId === rack.stackId && pin.host === host), [{ rack: rack.displayName, stackId: rack.stackId, host, fingerprint, trustedAt: Date.now() }]);
  }

  async remove(pins: readonly TrustedCertificate[]): Promise<void> {
    await this.list.replace((pin) => !pins.some((removed) => removed.stackId === pin.stackId && removed.host === pin.host));
  }
}

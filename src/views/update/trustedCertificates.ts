import type * as vscode from 'vscode';
import type { Rack } from '../../model/rack';
import type { CertificateFacts } from '../../model/update/rackApiErrors';
import { StoredList } from '../shared/storedList';

/** A rack API certificate the person chose to trust: its SHA-256 fingerprint, for that rack's API host only. */
export interface TrustedCertificate {
  rack: string;
  stackId: string;
  host: string;
  fingerprint: string;
  trustedAt: number;
  /** What the certificate said of itself when trusted, shown when another one replaces it (absent in older pins). */
  subject?: string;
  validFrom?: string;
  validTo?: string;
}

const storageKey = 'convox.trustedRackCertificates';

/** Pins of rack API certificates, kept in global state (fingerprints and what certificates say publicly: nothing secret). */
export class TrustedCertificates {
  private readonly list: StoredList<TrustedCertificate>;

  constructor(state: vscode.Memento) {
    this.list = new StoredList<TrustedCertificate>(
      state,
      storageKey,
      ['rack', 'stackId', 'host', 'fingerprint'],
      ['trustedAt'],
    );
  }

  all(): TrustedCertificate[] {
    return this.list.all();
  }

  /** The pin for this rack's API host, if any. */
  pinned(rack: Rack): TrustedCertificate | undefined {
    return this.all().find((pin) => pin.stackId === rack.stackId && pin.host === rack.apiHost);
  }

  /** The pinned fingerprint for this rack's API host, if any. */
  fingerprint(rack: Rack): string | undefined {
    return this.pinned(rack)?.fingerprint;
  }

  async trust(rack: Rack, certificate: CertificateFacts): Promise<void> {
    if (!rack.apiHost) return;
    const host = rack.apiHost;
    const { fingerprint, subject, validFrom, validTo } = certificate;
    await this.list.replace(
      (pin) => !(pin.stackId === rack.stackId && pin.host === host),
      [
        {
          rack: rack.displayName,
          stackId: rack.stackId,
          host,
          fingerprint,
          trustedAt: Date.now(),
          subject,
          validFrom,
          validTo,
        },
      ],
    );
  }

  async remove(pins: readonly TrustedCertificate[]): Promise<void> {
    await this.list.replace(
      (pin) => !pins.some((removed) => removed.stackId === pin.stackId && removed.host === pin.host),
    );
  }

  /** Drops every pin of a rack that is gone (uninstalled): a new rack of that name is another stack. */
  async forgetRack(stackId: string): Promise<void> {
    await this.list.replace((pin) => pin.stackId !== stackId);
  }
}

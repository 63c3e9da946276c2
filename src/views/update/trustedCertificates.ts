import type * as vscode from 'vscode';
import type { Rack } from '../../model/rack';

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
  constructor(private readonly state: vscode.Memento) {}

  all(): TrustedCertificate[] {
    const stored = this.state.get<unknown>(storageKey);
    return Array.isArray(stored) ? stored.filter(isTrustedCertificate) : [];
  }

  /** The pinned fingerprint for this rack's API host, if any. */
  fingerprint(rack: Rack): string | undefined {
    return this.all().find((pin) => pin.stackId === rack.stackId && pin.host === rack.apiHost)?.fingerprint;
  }

  async trust(rack: Rack, fingerprint: string): Promise<void> {
    if (!rack.apiHost) return;
    const others = this.all().filter((pin) => !(pin.stackId === rack.stackId && pin.host === rack.apiHost));
    await this.state.update(storageKey, [...others, { rack: rack.fullName, stackId: rack.stackId, host: rack.apiHost, fingerprint, trustedAt: Date.now() }]);
  }

  async remove(pins: readonly TrustedCertificate[]): Promise<void> {
    await this.state.update(
      storageKey,
      this.all().filter((pin) => !pins.some((removed) => removed.stackId === pin.stackId && removed.host === pin.host)),
    );
  }
}

function isTrustedCertificate(value: unknown): value is TrustedCertificate {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['rack', 'stackId', 'host', 'fingerprint'].every((key) => typeof record[key] === 'string') && typeof record.trustedAt === 'number';
}

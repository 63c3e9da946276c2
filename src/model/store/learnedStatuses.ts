import type { Rack } from '../rack';
import { rackStatus } from '../status';

/** A stack status learned outside a list refresh, and when (the store's clock, ms). */
interface Learned {
  cloudformationStatus: string;
  at: number;
}

/**
 * Stack statuses learned between list refreshes: a followed install's, update's or uninstall's events, an alert's
 * look. The rows, the status bar and the diagram read racks from the store, so a status learned here shows on all of
 * them at once, in the same turn as the notification that tells it. A list answer asked for after the status was
 * learned is newer and replaces it; one asked for before is older and does not.
 */
export class LearnedStatuses {
  private readonly learned = new Map<string, Learned>();

  /** Whether the status is new for that stack (and the rows must be drawn again). */
  learn(stackId: string, cloudformationStatus: string, at: number): boolean {
    const known = this.learned.get(stackId);
    this.learned.set(stackId, { cloudformationStatus, at });
    return known?.cloudformationStatus !== cloudformationStatus;
  }

  /** The rack with the status learned since its listing, if any. */
  apply(rack: Rack): Rack {
    const learned = this.learned.get(rack.stackId);
    if (!learned || learned.cloudformationStatus === rack.cloudformationStatus) return rack;
    return {
      ...rack,
      cloudformationStatus: learned.cloudformationStatus,
      status: rackStatus(learned.cloudformationStatus),
    };
  }

  /** A list answer asked for at `askedAt` lists these racks: what was learned before that is now older than it. */
  listed(racks: readonly Rack[], askedAt: number): void {
    for (const rack of racks) {
      const learned = this.learned.get(rack.stackId);
      if (learned && learned.at < askedAt) this.learned.delete(rack.stackId);
    }
  }
}

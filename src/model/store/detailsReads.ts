import type { Process, Rack, RackDetails, RackTask } from '../rack';

/** What the store knows of one rack beyond its row. */
interface RackData {
  details?: RackDetails;
  /** Read on the store's clock; details read before the last list refresh are stale unless watched. */
  readAt?: number;
  stale: boolean;
  pending?: Promise<RackDetails>;
  processes?: { of: RackDetails; rows: Promise<Process[]> };
}

/** How details are read from AWS; each read ends within the store's deadline. */
export interface DetailsReader {
  details(rack: Rack): Promise<RackDetails>;
  processes(rack: Rack, tasks: readonly RackTask[]): Promise<Process[]>;
}

/**
 * Every rack's servers and containers as last read: read on first use and again once stale, one read in flight
 * per rack (callers join it), and `convox rack ps` rows built once per details read.
 */
export class DetailsReads {
  private readonly data = new Map<string, RackData>();

  constructor(
    private readonly reader: DetailsReader,
    private readonly now: () => number,
    /** Called when a read asked for with `announce` ends, either way. */
    private readonly ended: (stackId: string) => void,
  ) {}

  /** The details, from memory while fresh; otherwise read (or the read in flight joined). */
  get(rack: Rack): Promise<RackDetails> {
    const data = this.dataOf(rack.stackId);
    if (data.details && !data.stale && !data.pending) return Promise.resolve(data.details);
    return this.read(rack, data, false);
  }

  /** Reads again now, and says so when it ends. */
  reload(rack: Rack): Promise<RackDetails> {
    return this.read(rack, this.dataOf(rack.stackId), true);
  }

  async processes(rack: Rack): Promise<Process[]> {
    const details = await this.get(rack);
    const data = this.dataOf(rack.stackId);
    if (data.processes?.of !== details)
      data.processes = { of: details, rows: this.reader.processes(rack, details.tasks) };
    const { rows } = data.processes;
    rows.catch(() => {
      if (data.processes?.rows === rows) data.processes = undefined;
    });
    return rows;
  }

  readAt(stackId: string): number | undefined {
    return this.data.get(stackId)?.readAt;
  }

  /** After a list refresh: racks gone are forgotten, the rest stale unless `keepFresh` says they are read again. */
  listRefreshed(present: ReadonlySet<string>, keepFresh: (stackId: string) => boolean): void {
    for (const [stackId, data] of this.data) {
      if (!present.has(stackId)) this.data.delete(stackId);
      else if (!keepFresh(stackId)) data.stale = true;
    }
  }

  private dataOf(stackId: string): RackData {
    let data = this.data.get(stackId);
    if (!data) {
      data = { stale: false };
      this.data.set(stackId, data);
    }
    return data;
  }

  private read(rack: Rack, data: RackData, announce: boolean): Promise<RackDetails> {
    if (data.pending) return data.pending;
    const pending = this.reader.details(rack).then(
      (details) => {
        data.details = details;
        data.readAt = this.now();
        data.stale = false;
        if (announce) this.ended(rack.stackId);
        return details;
      },
      (error: unknown) => {
        if (announce) this.ended(rack.stackId);
        throw error;
      },
    );
    data.pending = pending;
    // Nothing replaces a read in flight (callers join it), so its end always clears it.
    const clear = (): void => {
      data.pending = undefined;
    };
    pending.then(clear, clear);
    return pending;
  }
}

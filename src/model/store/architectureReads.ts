import type { ArchitectureData } from '../architecture/data';
import type { Rack } from '../rack';
import { asError } from '../errorMessage';

/** One rack's architecture as last read: the data (kept when a later read fails), its age, and the failure. */
export interface ArchitectureState {
  data?: ArchitectureData;
  /** When `data` was read, on the store's clock. */
  readAt?: number;
  /** Why the last read failed, until one succeeds; its message is safe to show. */
  error?: Error;
  reading: boolean;
}

/** The architecture reads of every rack: one in flight per rack (callers join it), the last result kept. */
export class ArchitectureReads {
  /** `reading` is not kept: state() tells it from `pending`. */
  private readonly states = new Map<
    string,
    Omit<ArchitectureState, 'reading'> & { pending?: Promise<ArchitectureData> }
  >();

  constructor(
    private readonly read: (rack: Rack) => Promise<ArchitectureData>,
    private readonly now: () => number,
    /** Called when a read ends, either way. */
    private readonly ended: (stackId: string) => void,
  ) {}

  state(stackId: string): ArchitectureState {
    const { data, readAt, error, pending } = this.states.get(stackId) ?? {};
    return { data, readAt, error, reading: pending !== undefined };
  }

  /** Reads the rack's architecture now, or joins the read in flight. */
  load(rack: Rack): Promise<ArchitectureData> {
    const state = this.states.get(rack.stackId) ?? {};
    this.states.set(rack.stackId, state);
    if (state.pending) return state.pending;
    const pending = this.read(rack).then(
      (data) => {
        Object.assign(state, { data, readAt: this.now(), error: undefined, pending: undefined });
        this.ended(rack.stackId);
        return data;
      },
      (error: unknown) => {
        Object.assign(state, { error: asError(error), pending: undefined });
        this.ended(rack.stackId);
        throw error;
      },
    );
    state.pending = pending;
    return pending;
  }

  /** Forgets the racks not in `stackIds` (gone from the list). */
  keepOnly(stackIds: ReadonlySet<string>): void {
    for (const stackId of this.states.keys()) if (!stackIds.has(stackId)) this.states.delete(stackId);
  }
}

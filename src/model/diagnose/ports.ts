import type { Rack } from '../rack';
import type { DiagnoseEvidence } from './evidence';

/** What AWS says about a rack, for a diagnosis: at most 12 calls for up to 100 servers, within `deadlineMs`. */
export interface RackDiagnostics {
  evidence(rack: Rack, deadlineMs: number): Promise<DiagnoseEvidence>;
}

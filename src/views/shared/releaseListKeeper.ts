import type * as vscode from 'vscode';
import { keptForm, parseKeptReleaseList, type ReleaseListKeeper } from '../../model/store/releaseListReads';

/** Kept per machine (the key is not synced): the list is public, but where it comes from is the person's own. */
const key = 'convox.releaseList';

/** The release list in globalState, shape-checked when read back; a list too big or not to be kept clears it. */
export function releaseListKeeper(state: vscode.Memento): ReleaseListKeeper {
  return {
    load: () => parseKeptReleaseList(state.get<unknown>(key)),
    save: (list) => void state.update(key, keptForm(list)),
  };
}

import type { PanelState } from '../../model/architecture/panelState';
import type { WebviewMessage } from '../../model/architecture/protocol';

/** What VS Code gives a webview's script, once: messages to the extension, and state kept across reloads. */
export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PanelState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export const vscodeApi: VsCodeApi = acquireVsCodeApi();

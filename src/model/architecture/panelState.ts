import { maxIdLength, parseWebviewMessage, type RackIdentity, type ViewState } from './protocol';

/**
 * What an architecture panel keeps across a reload (the webview saves it with `setState`, VS Code hands it to
 * the serializer): the rack's identity and how the diagram was shown, never what was read from AWS.
 */
export interface PanelState {
  rack: RackIdentity;
  view?: ViewState;
}

/**
 * The name the rack was shown by: `org/rack`, qualified when another rack shared it (`acme/production (eu-west-1)`);
 * only shown until the rack is found again by its stack id. Longer than any organisation and stack name together
 * is not one.
 */
const fullNamePattern = /^[^/\s]+\/[^/\s]+( \([^()]+\))?$/;
const maxFullNameLength = 256;

function isPlainObject(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

function rackIdentity(raw: unknown): RackIdentity | undefined {
  if (!isPlainObject(raw)) return undefined;
  const { stackId, fullName } = raw;
  if (typeof stackId !== 'string' || !stackId.startsWith('arn:') || stackId.length > maxIdLength) return undefined;
  if (typeof fullName !== 'string' || fullName.length > maxFullNameLength || !fullNamePattern.test(fullName))
    return undefined;
  return { stackId, fullName };
}

/** The view state as the webview's own `viewState` message would carry it, or undefined when it is not one. */
function viewState(raw: unknown): ViewState | undefined {
  if (!isPlainObject(raw)) return undefined;
  const message = parseWebviewMessage({ ...raw, type: 'viewState' });
  if (message?.type !== 'viewState') return undefined;
  const { type: _type, ...view } = message;
  return view;
}

/**
 * A saved panel state, rebuilt from what the webview stored (which a page could have written anything into):
 * undefined without a valid rack identity; a malformed view state is dropped and the rack kept.
 */
export function parsePanelState(raw: unknown): PanelState | undefined {
  if (!isPlainObject(raw)) return undefined;
  const rack = rackIdentity(raw.rack);
  if (!rack) return undefined;
  const view = viewState(raw.view);
  return view ? { rack, view } : { rack };
}

/** What a key does in the diagram, or undefined for a key it leaves alone. */
export type KeyAction =
  | { kind: 'pan'; direction: 'left' | 'right' | 'up' | 'down'; far: boolean }
  | { kind: 'move'; to: 'next' | 'previous' | 'parent' | 'child' | 'first' | 'last' }
  | { kind: 'zoomIn' | 'zoomOut' | 'fit' | 'actualSize' | 'select' | 'close' };

const arrows: Record<string, 'left' | 'right' | 'up' | 'down'> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};
/** On a component, the arrows walk the tree as in any tree view. */
const moves: Record<string, 'next' | 'previous' | 'parent' | 'child' | 'first' | 'last'> = {
  ArrowDown: 'next',
  ArrowUp: 'previous',
  ArrowLeft: 'parent',
  ArrowRight: 'child',
  Home: 'first',
  End: 'last',
};

/**
 * The diagram's keys: on a component the arrows move between components (Shift+arrows pan), on the background
 * they pan; + and - zoom, 0 fits, 1 shows 100%; Enter or Space selects; Escape closes the details.
 */
export function keyAction(event: KeyboardEvent, onComponent: boolean): KeyAction | undefined {
  if (event.altKey || event.ctrlKey || event.metaKey) return undefined;
  const direction = arrows[event.key];
  if (direction && (!onComponent || event.shiftKey))
    return { kind: 'pan', direction, far: event.shiftKey && !onComponent };
  const move = moves[event.key];
  if (move && onComponent) return { kind: 'move', to: move };
  switch (event.key) {
    case '+':
    case '=':
      return { kind: 'zoomIn' };
    case '-':
      return { kind: 'zoomOut' };
    case '0':
      return { kind: 'fit' };
    case '1':
      return { kind: 'actualSize' };
    case 'Enter':
    case ' ':
      return onComponent ? { kind: 'select' } : undefined;
    case 'Escape':
      return { kind: 'close' };
    default:
      return undefined;
  }
}

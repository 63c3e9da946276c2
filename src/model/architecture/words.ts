/** `1 task`, `3 tasks`. */
export function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A share of 0–1 as a whole percentage. */
export function wholePercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Code-unit order, not the locale's: the same data is ordered the same on every machine, so layouts repeat. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

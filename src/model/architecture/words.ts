/** `1 task`, `3 tasks`. */
export function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** How many of each, in the order first met: `2 active, 1 draining`. */
export function tally(words: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts].map(([word, count]) => `${count} ${word}`).join(', ');
}

/** A share of 0–1 as a whole percentage. */
export function wholePercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Code-unit order, not the locale's: the same data is ordered the same on every machine, so layouts repeat. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import * as vm from 'node:vm';

/**
 * A template's AllowedPattern is the template author's, and JavaScript's regular expressions backtrack: a pattern
 * like `(a+)+$` on a long value takes longer than the universe, checked on every keystroke in the extension host.
 * Each match runs under V8's execution watchdog instead, which stops it once its budget is spent.
 */
export const patternBudgetMs = 10;

const context = vm.createContext(Object.create(null) as object);
const match = new vm.Script('pattern.test(value)');

/**
 * CloudFormation matches AllowedPattern against the whole value; undefined for a pattern JavaScript cannot read.
 * Compiled on each check: well under a microsecond, next to the few hundred the watchdog's context switch takes.
 */
function anchored(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return undefined;
  }
}

/** One match under the watchdog: undefined when it did not end within the budget. */
function watchedMatch(regex: RegExp, value: string, budgetMs: number): boolean | undefined {
  Object.assign(context, { pattern: regex, value });
  try {
    return match.runInContext(context, { timeout: budgetMs }) === true;
  } catch {
    return undefined;
  } finally {
    Object.assign(context, { pattern: undefined, value: undefined });
  }
}

/**
 * Whether `value` matches the whole of `pattern`: true or false, or undefined when it cannot be told here (a
 * pattern JavaScript cannot read, or a match that did not end within the budget twice); CloudFormation checks it
 * anyway. The budget is wall-clock time: on a busy machine a plain pattern can lose it once while the thread
 * waits for a core, so a second try tells that apart from a pattern that backtracks.
 */
export function matchesPattern(pattern: string, value: string, budgetMs = patternBudgetMs): boolean | undefined {
  const regex = anchored(pattern);
  if (!regex) return undefined;
  return watchedMatch(regex, value, budgetMs) ?? watchedMatch(regex, value, budgetMs);
}

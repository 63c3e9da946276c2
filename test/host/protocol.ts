// What a host test session and the runner that started it exchange: the runner names the test files and a
// result file in the extension host's environment; the extension host writes the result there as JSON.

/** Comma-separated test file names of out/test/host/ to run, e.g. `noAws.test.js,commands.test.js`. */
export const testsVariable = 'CONVOX_HOST_TESTS';
/** Absolute path the result is written to. */
export const resultVariable = 'CONVOX_HOST_RESULT';

export interface HostTestResult {
  /** Mocha's full title: suite titles and the test's, joined by spaces. */
  title: string;
  passed: boolean;
  durationMs: number;
  /** The failure's message and stack. */
  error?: string;
}

export interface HostResult {
  passes: number;
  failures: number;
  tests: HostTestResult[];
  /** Numbers tests recorded for the report, such as activation time. */
  metrics: Record<string, number>;
}

// Numbers the host tests measure for the runner's report (written into the session's result by index.ts).
export const metrics: Record<string, number> = {};

export function recordMetric(name: string, value: number): void {
  metrics[name] = value;
}

import type { FaultKind, FaultRule } from './types';

/** The facts of one request a rule can match on. */
export interface RequestFacts {
  account: string;
  accessKeyId: string;
  region: string;
  service: string;
  operation: string;
}

export interface FaultDecision {
  /** Sum of the matching latency rules. */
  latencyMs: number;
  /** The first matching non-latency rule's kind. */
  error?: Exclude<FaultKind, 'latency'>;
  /** That rule, for its kind's settings. */
  rule?: FaultRule;
}

interface ActiveRule {
  rule: FaultRule;
  used: number;
}

const active = (rule: FaultRule): ActiveRule => ({ rule, used: 0 });

function matches(rule: FaultRule, facts: RequestFacts): boolean {
  return (
    (rule.account === undefined || rule.account === facts.account) &&
    (rule.accessKeyId === undefined || rule.accessKeyId === facts.accessKeyId) &&
    (rule.region === undefined || rule.region === facts.region) &&
    (rule.service === undefined || rule.service === facts.service) &&
    (rule.operation === undefined || rule.operation === facts.operation)
  );
}

/**
 * Fault rules in force. Rules added at runtime are consulted before the scenario's own, so a test can
 * override them; `clear()` drops the runtime rules and restarts the scenario's counters.
 */
export class Faults {
  private added: ActiveRule[] = [];
  private builtIn: ActiveRule[];

  constructor(private readonly scenarioRules: FaultRule[]) {
    this.builtIn = scenarioRules.map(active);
  }

  add(rule: FaultRule): void {
    this.added.push(active(rule));
  }

  clear(): void {
    this.added = [];
    this.builtIn = this.scenarioRules.map(active);
  }

  /** Decides what happens to one request, using up one of each applied rule's `times`. */
  decide(facts: RequestFacts): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const entry of [...this.added, ...this.builtIn]) {
      const { rule } = entry;
      if (!matches(rule, facts)) continue;
      if (rule.times !== undefined && entry.used >= rule.times) continue;
      if (rule.kind === 'latency') {
        decision.latencyMs += rule.latencyMs ?? 0;
        entry.used++;
      } else if (decision.error === undefined) {
        decision.error = rule.kind;
        decision.rule = rule;
        entry.used++;
      }
    }
    return decision;
  }
}

// Runs a simulator on a worker thread, so that serialising its answers does not share the event loop of the
// code being measured: in the benchmark, "AWS" works on another core, as the real one does elsewhere.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  benchScenario,
  bigRackScenario,
  manyProfilesScenario,
  type BenchOptions,
  type BigRackOptions,
  type ManyProfilesOptions,
} from './scenarios/bench';
import { defaultScenario } from './scenarios/default';
import type { ProfileSetup } from './awsconfig';
import { startSimulator, type Simulator } from './server';
import type { Call, FaultRule, Scenario } from './types';

/**
 * Scenarios are built from a recipe on the simulator's thread, since functions cannot cross threads. Fault rules
 * are plain data, so a recipe may carry some to add to the scenario's own.
 */
export type ScenarioRecipe = (
  | { kind: 'default' }
  | { kind: 'bench'; options: BenchOptions }
  | { kind: 'bigRack'; options: BigRackOptions }
  | { kind: 'manyProfiles'; options: ManyProfilesOptions }
) & { faults?: FaultRule[] };

function baseScenario(recipe: ScenarioRecipe): Scenario {
  switch (recipe.kind) {
    case 'default':
      return defaultScenario();
    case 'bench':
      return benchScenario(recipe.options);
    case 'bigRack':
      return bigRackScenario(recipe.options);
    case 'manyProfiles':
      return manyProfilesScenario(recipe.options);
  }
}

function scenarioFrom(recipe: ScenarioRecipe): Scenario {
  const scenario = baseScenario(recipe);
  return { ...scenario, faults: [...scenario.faults, ...(recipe.faults ?? [])] };
}

type Request =
  | { id: number; op: 'count'; filter?: Partial<Call> }
  | { id: number; op: 'byOperation' }
  | { id: number; op: 'reset' }
  | { id: number; op: 'stop' };
type Result = number | Record<string, number> | null;
type Question = Request extends infer Each ? (Each extends Request ? Omit<Each, 'id'> : never) : never;
type Reply = { id: number; result: Result } | { ready: string; setup: ProfileSetup };

export interface SimulatorWorker {
  url: string;
  /** The scenario's profiles, regions and organisations; its data stays on the simulator's thread. */
  setup: ProfileSetup;
  count(filter?: Partial<Call>): Promise<number>;
  /** Calls made so far, per operation. */
  byOperation(): Promise<Record<string, number>>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export function startSimulatorWorker(recipe: ScenarioRecipe, latencyMs?: number): Promise<SimulatorWorker> {
  const worker = new Worker(__filename, { workerData: { recipe, latencyMs } });
  let nextId = 1;
  const pending = new Map<number, (result: Result) => void>();
  const ask = (request: Question): Promise<Result> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      worker.postMessage({ ...request, id });
    });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (reply: Reply) => {
      if ('ready' in reply) {
        resolve({
          url: reply.ready,
          setup: reply.setup,
          count: async (filter) => Number(await ask({ op: 'count', filter })),
          byOperation: async () => (await ask({ op: 'byOperation' })) as Record<string, number>,
          reset: async () => void (await ask({ op: 'reset' })),
          stop: async () => {
            await ask({ op: 'stop' });
            await worker.terminate();
          },
        });
        return;
      }
      pending.get(reply.id)?.(reply.result);
      pending.delete(reply.id);
    });
  });
}

async function serve(): Promise<void> {
  const { recipe, latencyMs } = workerData as { recipe: ScenarioRecipe; latencyMs?: number };
  const scenario = scenarioFrom(recipe);
  const sim: Simulator = await startSimulator({ scenario, latencyMs });
  parentPort?.on('message', async (request: Request) => {
    let result: Result = null;
    if (request.op === 'count') result = sim.calls.count(request.filter);
    else if (request.op === 'byOperation') {
      const counts: Record<string, number> = {};
      for (const call of sim.calls.all()) counts[call.operation] = (counts[call.operation] ?? 0) + 1;
      result = counts;
    } else if (request.op === 'reset') sim.calls.reset();
    else await sim.stop();
    parentPort?.postMessage({ id: request.id, result } satisfies Reply);
  });
  const setup: ProfileSetup = {
    profiles: scenario.profiles,
    regions: scenario.regions,
    organizations: scenario.organizations,
  };
  parentPort?.postMessage({ ready: sim.url, setup } satisfies Reply);
}

if (!isMainThread) void serve();

import type { RackPorts } from './ports';

/** `load` run once, on the first call; a failed load is forgotten, so the next call tries again. */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

/**
 * Ports whose implementation is loaded on first use: the AWS SDK is most of the extension's code, and
 * activation must not wait for it.
 */
export function lazyPorts(load: () => Promise<RackPorts>): RackPorts {
  let loaded: RackPorts | undefined;
  const ports = lazy(async () => (loaded = await load()));
  return {
    discovery: {
      profiles: async () => (await ports()).discovery.profiles(),
      discover: async (pairs, report) => (await ports()).discovery.discover(pairs, report),
    },
    reader: {
      lifecycleStates: async (pair, names) => (await ports()).reader.lifecycleStates(pair, names),
      details: async (rack) => (await ports()).reader.details(rack),
      processes: async (rack, tasks) => (await ports()).reader.processes(rack, tasks),
    },
    stacks: {
      events: async (rack, limit) => (await ports()).stacks.events(rack, limit),
    },
    dispose: () => loaded?.dispose(),
  };
}

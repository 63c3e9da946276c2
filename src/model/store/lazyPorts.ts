import type { RackApi } from '../update/ports';
import type { RackInstaller, RackPorts, ReleaseCatalog, StackOperations } from './ports';

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
      discover: async (...args) => (await ports()).discovery.discover(...args),
    },
    reader: {
      lifecycleStates: async (...args) => (await ports()).reader.lifecycleStates(...args),
      details: async (...args) => (await ports()).reader.details(...args),
      processes: async (...args) => (await ports()).reader.processes(...args),
      architecture: async (...args) => (await ports()).reader.architecture(...args),
    },
    stacks: lazyStacks(async () => (await ports()).stacks),
    releases: lazyReleases(async () => (await ports()).releases),
    installer: lazyInstaller(async () => (await ports()).installer),
    dispose: () => loaded?.dispose(),
  };
}

/** Stack operations whose implementation is loaded on their first call. */
export function lazyStacks(load: () => Promise<StackOperations>): StackOperations {
  return {
    events: async (...args) => (await load()).events(...args),
    newEvents: async (...args) => (await load()).newEvents(...args),
    stackStatus: async (...args) => (await load()).stackStatus(...args),
    deleteStack: async (...args) => (await load()).deleteStack(...args),
  };
}

/** A release catalog whose implementation is loaded on its first call. */
export function lazyReleases(load: () => Promise<ReleaseCatalog>): ReleaseCatalog {
  return {
    readReleases: async (...args) => (await load()).readReleases(...args),
    templateParameters: async (...args) => (await load()).templateParameters(...args),
  };
}

/** An installer whose implementation is loaded on its first call (installs are rare: their code waits till then). */
export function lazyInstaller(load: () => Promise<RackInstaller>): RackInstaller {
  return {
    checkName: async (...args) => (await load()).checkName(...args),
    create: async (...args) => (await load()).create(...args),
    uninstallPlan: async (...args) => (await load()).uninstallPlan(...args),
    disableRule: async (...args) => (await load()).disableRule(...args),
    forceDeleteAutoScalingGroup: async (...args) => (await load()).forceDeleteAutoScalingGroup(...args),
    apiAnswers: async (...args) => (await load()).apiAnswers(...args),
  };
}

/** A rack API client loaded on its first call (changing a rack is rare). */
export function lazyRackApi(load: () => Promise<RackApi>): RackApi {
  return {
    system: async (...args) => (await load()).system(...args),
    update: async (...args) => (await load()).update(...args),
  };
}

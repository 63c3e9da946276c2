// SDK client settings for smoke tests: a scenario profile's keys, pointed at the simulator.
import type { Simulator } from './server';

export interface ClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts?: number;
}

export function clientConfig(sim: Simulator, profileName: string, region?: string, maxAttempts?: number): ClientConfig {
  const profile = sim.scenario.profiles.find((candidate) => candidate.name === profileName);
  if (!profile) throw new Error(`no profile ${profileName} in the scenario`);
  return {
    endpoint: sim.url,
    region: region ?? profile.region,
    credentials: { accessKeyId: profile.accessKeyId, secretAccessKey: profile.secretAccessKey },
    maxAttempts,
  };
}

/** Runs `call`, expecting it to fail; returns the error for assertions. */
export async function failure(
  call: () => Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await call();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`non-Error thrown: ${String(error)}`);
  }
  throw new Error('expected the call to fail');
}

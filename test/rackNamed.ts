import type { Rack } from '../src/model/rack';

/** The one listed rack of this `org/rack` (tests name racks; the extension never looks one up by name). */
export function rackNamed(store: { racks(): Rack[] }, fullName: string): Rack | undefined {
  const named = store.racks().filter((rack) => rack.fullName === fullName);
  if (named.length > 1) throw new Error(`${named.length} racks are named ${fullName}`);
  return named[0];
}

import type { RackReader } from '../../model/store/ports';
import type { AwsClients } from '../clients';
import type { AwsProfile } from '../profiles';
import { RackDetailsLoader } from './rackDetails';

/** What expanding a rack reads: its servers and containers, from ECS and EC2. */
export type DetailsReader = Pick<RackReader, 'details' | 'processes'>;

/**
 * This module is its own bundle (dist/awsDetails.js), loaded the first time a rack is expanded or inspected,
 * so the ECS and EC2 clients (most of it the EC2 client's 1.2 MB) cost nothing until then.
 */
export function createDetailsReader(clients: AwsClients, profileOf: (name: string) => AwsProfile): DetailsReader {
  const loader = new RackDetailsLoader(clients);
  return {
    details: (rack) => loader.load(profileOf(rack.profile), rack),
    processes: (rack, tasks) => loader.processes(profileOf(rack.profile), rack, tasks),
  };
}

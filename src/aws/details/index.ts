import { RuntimeReader } from '../architecture/runtime';
import type { AwsClients } from '../clients';
import { RackDetailsLoader } from './rackDetails';

/** The readers of ECS and EC2: a rack's details for the tree and Inspect, and what runs in it for its architecture. */
export interface DetailsReaders {
  details: RackDetailsLoader;
  runtime: RuntimeReader;
}

/**
 * This module is its own bundle (dist/awsDetails.js), loaded the first time a rack is expanded, inspected or
 * drawn, so the ECS and EC2 clients (most of it the EC2 client's 1.2 MB) cost nothing until then.
 */
export function createDetailsReaders(clients: AwsClients): DetailsReaders {
  const details = new RackDetailsLoader(clients);
  return { details, runtime: new RuntimeReader(clients, details) };
}

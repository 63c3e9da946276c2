import type { AwsClients } from '../clients';
import { RackDetailsLoader } from './rackDetails';

/**
 * This module is its own bundle (dist/awsDetails.js), loaded the first time a rack is expanded or inspected,
 * so the ECS and EC2 clients (most of it the EC2 client's 1.2 MB) cost nothing until then.
 */
export function createDetailsLoader(clients: AwsClients): RackDetailsLoader {
  return new RackDetailsLoader(clients);
}

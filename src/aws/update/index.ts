import type { ChangePreviewer } from '../../model/update/ports';
import type { AwsClients } from '../clients';
import { AwsChangePreviewer } from './changeSetPreview';

/** Change set previews of rack updates (in dist/aws.js: a bundle of their own would carry a second copy of the SDK's core). */
export function createChangePreviewer(clients: AwsClients): ChangePreviewer {
  return new AwsChangePreviewer(clients);
}

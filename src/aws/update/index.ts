import type { ChangePreviewer } from '../../model/update/ports';
import type { AwsClients } from '../clients';
import { AwsChangePreviewer } from './changeSetPreview';

/** Entry of the dist/awsUpdate.js bundle: change set previews of rack updates, loaded when one is first asked for. */
export function createChangePreviewer(clients: AwsClients): ChangePreviewer {
  return new AwsChangePreviewer(clients);
}

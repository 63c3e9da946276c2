import type { RackInstaller } from '../../model/store/ports';
import type { AwsClients } from '../clients';
import { AwsInstaller } from './installer';

/** Installs and uninstalls through the SDK (part of dist/aws.js). */
export function createInstaller(clients: AwsClients): RackInstaller {
  return new AwsInstaller(clients);
}

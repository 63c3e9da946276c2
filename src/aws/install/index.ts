import type { RackInstaller } from '../../model/store/ports';
import type { AwsClients } from '../clients';
import { AwsInstaller } from './installer';

/** Entry of the dist/awsInstall.js bundle: installs and uninstalls, loaded when one first starts. */
export function createInstaller(clients: AwsClients): RackInstaller {
  return new AwsInstaller(clients);
}

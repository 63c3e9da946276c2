import type { RackInstaller, ReleaseCatalog, StackOperations } from '../../model/store/ports';
import type { AwsClients } from '../clients';
import { AwsInstaller } from './installer';
import { AwsReleaseCatalog } from './releaseCatalog';
import { AwsStackOperations } from './stackOperations';

/** Stack operations, the release catalog and the installer through the SDK (part of dist/aws.js). */
export function createInstallPorts(clients: AwsClients): {
  stacks: StackOperations;
  releases: ReleaseCatalog;
  installer: RackInstaller;
} {
  return {
    stacks: new AwsStackOperations(clients),
    releases: new AwsReleaseCatalog(clients),
    installer: new AwsInstaller(clients),
  };
}

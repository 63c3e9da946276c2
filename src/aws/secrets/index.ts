import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import type { Rack } from '../../model/rack';
import type { AwsClients } from '../clients';
import type { AwsProfile } from '../profiles';

/** The SSM parameter a rack keeps its API password in (the template's `RackApiSecret`). */
export function apiPasswordParameter(rack: Pick<Rack, 'name'>): string {
  return `${rack.name}RackApiSecret`;
}

/**
 * Reads rack API passwords (in dist/aws.js: a bundle of its own would carry a second copy of the SDK's core). The
 * password is returned, never kept or put in a message.
 */
export function createSecretsReader(clients: AwsClients): {
  apiPassword(profile: AwsProfile, rack: Rack, abortSignal: AbortSignal): Promise<string | undefined>;
} {
  return {
    async apiPassword(profile, rack, abortSignal) {
      const client = clients.client('ssm', profile, rack.region, (config) => new SSMClient(config));
      try {
        const answer = await client.send(
          new GetParameterCommand({ Name: apiPasswordParameter(rack), WithDecryption: true }),
          { abortSignal },
        );
        return answer.Parameter?.Value;
      } catch (error) {
        if (error instanceof ParameterNotFound) return undefined;
        throw error;
      }
    },
  };
}

// What a simulated service is: a signing name, a wire protocol and its operations.
import type { JsonInput, JsonObject } from '../protocols/json';
import type { QueryInput } from '../protocols/query';
import type { XmlObject } from '../protocols/xml';
import type { InstallWorld, RegionData } from '../types';

/** The caller's account and region, and that region's data. */
export interface Context {
  account: string;
  /** The access key the request was signed with. */
  accessKeyId?: string;
  region: string;
  data: RegionData;
  /** A paging fault in force for this request. */
  paging?: PagingFault;
  /** Releases, templates and install faults of the scenario. */
  install?: InstallWorld;
  /** `http://127.0.0.1:PORT`: the simulator's own release server, the only place templates come from. */
  releasesBase?: string;
}

export type PagingFault = 'repeatingToken' | 'endlessToken';

export type QueryHandler = (context: Context, input: QueryInput) => XmlObject;
export type JsonHandler = (context: Context, input: JsonInput) => JsonObject;

export interface QueryService {
  wire: 'awsQuery' | 'ec2Query';
  /** SigV4 service name, as in the credential scope. */
  signingName: string;
  xmlns: string;
  operations: Record<string, QueryHandler>;
}

export interface JsonService {
  wire: 'awsJson1_1';
  signingName: string;
  /** `X-Amz-Target` prefix before `.Operation`. */
  targetPrefix: string;
  operations: Record<string, JsonHandler>;
}

export type Service = QueryService | JsonService;

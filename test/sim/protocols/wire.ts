/** The three wire protocols the simulated services speak. */
export type Wire = 'awsQuery' | 'ec2Query' | 'awsJson1_1';

/** An HTTP answer, ready to send. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

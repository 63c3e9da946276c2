// The secret walks check never shows: the default scenario's acme/production rack password, as AWS holds it.
import { defaultAccounts, type Simulator } from '../sim';

export function productionPassword(simulator: Simulator | undefined): string {
  const password = simulator?.scenario.accounts
    .find((account) => account.id === defaultAccounts.acme)
    ?.regions['us-east-1']?.stacks.find((stack) => stack.name === 'production')
    ?.parameters.find((parameter) => parameter.key === 'Password')?.value;
  if (!password) throw new Error("the default scenario's acme/production rack has no Password parameter");
  return password;
}

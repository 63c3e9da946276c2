import type { ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-cloudformation';
import type { DeserializeMiddleware, HttpResponse, Pluggable } from '@smithy/types';

/**
 * Listing a region's stacks brings pages of up to 100 full stacks, and in most accounts nearly none of them is
 * Convox. The SDK's XML parser then costs more than the network: about 5 ms of the extension's thread per
 * 78 KB page. So when every stack of a region is listed, the stacks that cannot be a rack or an app are cut
 * out of the raw answer before the SDK parses it. `model/stacks` still decides on what remains; this keeps a
 * superset of it: a `convox` tag value (racks, apps) or a `Dashboard` output (legacy untagged racks).
 */
const convoxMarkers = ['<Value>convox</Value>', '<OutputKey>Dashboard</OutputKey>'];

const stacksOpen = '<Stacks>';
const stacksClose = '</Stacks>';
/** A member tag without its "<" or "</". */
const memberName = 'member>';
const lessThan = '<'.charCodeAt(0);
const slash = '/'.charCodeAt(0);

/**
 * The DescribeStacks answer `xml` with only the stacks that carry a Convox marker. Anything not shaped the
 * way AWS writes it comes back unchanged, for the SDK to parse (or reject) as it would have.
 */
export function keepConvoxStacks(xml: string): string {
  const listStart = xml.indexOf(stacksOpen);
  const listEnd = xml.lastIndexOf(stacksClose);
  if (listStart < 0 || listEnd < listStart) return xml;
  const firstStack = listStart + stacksOpen.length;
  const kept = [xml.slice(0, firstStack)];
  // Text never holds a raw "<", so member tags are found by search; nested members are parameters, tags, outputs.
  // indexOf rather than a global regex: a page has thousands of member tags, and each match would be an array.
  let depth = 0;
  let stackStart = firstStack;
  let previousEnd = firstStack;
  for (let at = xml.indexOf(memberName, firstStack); at >= 0 && at < listEnd; at = xml.indexOf(memberName, at + 1)) {
    const closing = xml.charCodeAt(at - 1) === slash;
    const tagStart = closing ? at - 2 : at - 1;
    if (xml.charCodeAt(tagStart) !== lessThan) continue;
    if (!closing && depth === 0) {
      if (xml.slice(previousEnd, tagStart).trim() !== '') return xml;
      stackStart = tagStart;
    }
    depth += closing ? -1 : 1;
    if (depth < 0) return xml;
    if (closing && depth === 0) {
      previousEnd = at + memberName.length;
      const stack = xml.slice(stackStart, previousEnd);
      if (convoxMarkers.some((marker) => stack.includes(marker))) kept.push(stack);
    }
  }
  if (depth !== 0 || xml.slice(previousEnd, listEnd).trim() !== '') return xml;
  kept.push(xml.slice(listEnd));
  return kept.join('');
}

async function readText(body: AsyncIterable<Uint8Array> | Uint8Array): Promise<string> {
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  const parts: Uint8Array[] = [];
  for await (const part of body) parts.push(part);
  return Buffer.concat(parts).toString('utf8');
}

function listsEveryStack(commandName: string | undefined, input: ServiceInputTypes): boolean {
  return commandName === 'DescribeStacksCommand' && !('StackName' in input && input.StackName);
}

const trimAnswer: DeserializeMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next, context) => async (args) => {
  const result = await next(args);
  const response = result.response as HttpResponse;
  if (!listsEveryStack(context.commandName, args.input) || response.statusCode !== 200 || !response.body) return result;
  response.body = Buffer.from(keepConvoxStacks(await readText(response.body)));
  return result;
};

/** Plugs the trimming into a CloudFormation client, between the HTTP answer and the SDK's deserialiser. */
export const convoxStacksOnly: Pluggable<ServiceInputTypes, ServiceOutputTypes> = {
  applyToStack(stack) {
    stack.add(trimAnswer, { step: 'deserialize', priority: 'low', name: 'convoxStacksOnly' });
  },
};

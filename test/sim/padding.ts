// Bodies for the `hugeAnswer` fault: a real-looking answer with a place where padding goes, so the server can
// stream an answer of any size without ever building it.
import type { WireResponse } from './protocols/wire';
import { querySuccess } from './protocols/query';
import { rack } from './scenarios/rack';
import type { Place } from './scenarios/ids';
import { cloudFormation, stackXml } from './services/cloudformation';

/** `response`, and where a `hugeAnswer` fault pads it: with `fill`, at its body's character `at`. */
export interface PaddedAnswer {
  response: WireResponse;
  at: number;
  fill: string;
}

/** Stands where the padding goes while the answer is rendered; taken out again before it is sent. */
const marker = '{{padding}}';

/** DescribeStacks answered with one Convox rack whose `Padding` output value is the padding. */
export function hugeStacks(place: Place, requestId: string): PaddedAnswer {
  const [rackStack] = rack(place, { name: 'huge' }).stacks;
  rackStack.outputs.push({ key: 'Padding', value: marker });
  const response = querySuccess(cloudFormation.xmlns, 'DescribeStacks', { Stacks: [stackXml(rackStack)] }, requestId);
  return {
    response: { ...response, body: response.body.replace(marker, '') },
    at: response.body.indexOf(marker),
    fill: 'x',
  };
}

/** Any other answer, padded with spaces after it: XML and JSON both allow white space after the document. */
export function padAtEnd(response: WireResponse): PaddedAnswer {
  return { response, at: response.body.length, fill: ' ' };
}

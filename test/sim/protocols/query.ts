// awsQuery (CloudFormation, Auto Scaling): form-encoded `Action=...&Version=...` requests,
// `<XResponse><XResult>` XML answers and `<ErrorResponse><Error>` errors.
import { ApiError } from '../errors';
import type { WireResponse } from './wire';
import { element, escapeXml, type XmlObject } from './xml';

/**
 * Reads the flattened keys of a form-encoded request. awsQuery writes list members as `Name.member.N`,
 * ec2Query as `Name.N`; `listSegment` says which.
 */
export class QueryInput {
  constructor(
    private readonly params: URLSearchParams,
    private readonly listSegment: 'member' | '',
    private readonly prefix = '',
  ) {}

  static parse(body: string, listSegment: 'member' | ''): QueryInput {
    return new QueryInput(new URLSearchParams(body), listSegment);
  }

  string(name: string): string | undefined {
    return this.params.get(this.prefix + name) ?? undefined;
  }

  /** An integer member; a value that is not one is a ValidationError, as AWS answers. */
  integer(name: string): number | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isInteger(value)) throw new ApiError('ValidationError', `Invalid value for ${name}: ${text}`);
    return value;
  }

  strings(name: string): string[] {
    const values: string[] = [];
    for (let index = 1; ; index++) {
      const value = this.params.get(this.itemPath(name, index));
      if (value === null) return values;
      values.push(value);
    }
  }

  structs(name: string): QueryInput[] {
    const items: QueryInput[] = [];
    for (let index = 1; ; index++) {
      const prefix = `${this.itemPath(name, index)}.`;
      if (![...this.params.keys()].some((key) => key.startsWith(prefix))) return items;
      items.push(new QueryInput(this.params, this.listSegment, prefix));
    }
  }

  private itemPath(name: string, index: number): string {
    return this.listSegment ? `${this.prefix}${name}.${this.listSegment}.${index}` : `${this.prefix}${name}.${index}`;
  }
}

export const xmlHeaders = (requestId: string): Record<string, string> => ({
  'content-type': 'text/xml',
  'x-amzn-requestid': requestId,
});

export function querySuccess(xmlns: string, action: string, result: XmlObject, requestId: string): WireResponse {
  const body =
    `<${action}Response xmlns="${xmlns}">` +
    element(`${action}Result`, result, 'member') +
    element('ResponseMetadata', { RequestId: requestId }, 'member') +
    `</${action}Response>`;
  return { status: 200, headers: xmlHeaders(requestId), body };
}

export function queryError(xmlns: string, error: ApiError, requestId: string): WireResponse {
  const body =
    `<ErrorResponse xmlns="${escapeXml(xmlns)}">` +
    element(
      'Error',
      { Type: error.status >= 500 ? 'Receiver' : 'Sender', Code: error.code, Message: error.message },
      'member',
    ) +
    element('RequestId', requestId, 'member') +
    '</ErrorResponse>';
  return { status: error.status, headers: xmlHeaders(requestId), body };
}

/** A 200 answer whose XML stops mid-document, as a cut connection or a broken proxy would leave it. */
export function xmlMalformed(xmlns: string, action: string, requestId: string): WireResponse {
  const body = `<${action}Response xmlns="${xmlns}"><${action}Result><member>`;
  return { status: 200, headers: xmlHeaders(requestId), body };
}

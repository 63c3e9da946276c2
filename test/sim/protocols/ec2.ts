// ec2Query: the same form-encoded requests as awsQuery (lists as `Name.N`), but answers put their fields
// straight under `<XResponse>` with a `requestId`, and errors come as `<Response><Errors><Error>`.
import type { ApiError } from '../errors';
import { xmlHeaders } from './query';
import type { WireResponse } from './wire';
import { element, escapeXml, xmlContent, type XmlObject } from './xml';

export function ec2Success(xmlns: string, action: string, result: XmlObject, requestId: string): WireResponse {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${escapeXml(xmlns)}">` +
    element('requestId', requestId, 'item') +
    xmlContent(result, 'item') +
    `</${action}Response>`;
  return { status: 200, headers: xmlHeaders(requestId), body };
}

export function ec2Error(error: ApiError, requestId: string): WireResponse {
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n<Response>' +
    element('Errors', { Error: { Code: error.code, Message: error.message } }, 'item') +
    element('RequestID', requestId, 'item') +
    '</Response>';
  return { status: error.status, headers: xmlHeaders(requestId), body };
}

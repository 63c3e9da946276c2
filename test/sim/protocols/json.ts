// awsJson1_1 (ECS): POST of a JSON object, operation in `X-Amz-Target: Prefix.Operation`,
// answers as JSON with timestamps in epoch seconds, errors as `{"__type": code, "message": …}`.
import { ApiError } from '../errors';
import type { WireResponse } from './wire';

export type JsonValue = string | number | boolean | null | Date | undefined | JsonValue[] | JsonObject;
export interface JsonObject {
  [member: string]: JsonValue;
}

const contentType = 'application/x-amz-json-1.1';

/** Type-checked reads of a request's members; a wrong type is what AWS calls a SerializationException. */
export class JsonInput {
  private constructor(private readonly members: Record<string, unknown>) {}

  static parse(body: string): JsonInput {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.length > 0 ? body : '{}');
    } catch {
      throw new ApiError('SerializationException', 'Start of structure or map found where not expected.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ApiError('SerializationException', 'Request body must be a JSON object.');
    }
    return new JsonInput(parsed as Record<string, unknown>);
  }

  string(name: string): string | undefined {
    const value = this.members[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw wrongType(name, 'string');
    return value;
  }

  integer(name: string): number | undefined {
    const value = this.members[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(name, 'integer');
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.members[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw wrongType(name, 'boolean');
    return value;
  }

  strings(name: string): string[] | undefined {
    const value = this.members[name];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
      throw wrongType(name, 'list of strings');
    return value as string[];
  }
}

function wrongType(name: string, expected: string): ApiError {
  return new ApiError('SerializationException', `${name} must be a ${expected}`);
}

/** Dates become epoch seconds, `undefined` members disappear (JSON.stringify drops them). */
function encode(value: JsonValue): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, encode(member)]));
  }
  return value;
}

const headers = (requestId: string, extra: Record<string, string> = {}): Record<string, string> => ({
  'content-type': contentType,
  'x-amzn-requestid': requestId,
  ...extra,
});

export function jsonSuccess(output: JsonObject, requestId: string): WireResponse {
  return { status: 200, headers: headers(requestId), body: JSON.stringify(encode(output)) };
}

export function jsonError(error: ApiError, requestId: string): WireResponse {
  return {
    status: error.status,
    headers: headers(requestId, { 'x-amzn-errortype': error.code }),
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}

/** A 200 answer whose JSON stops mid-document, as a cut connection would leave it. */
export function jsonMalformed(requestId: string): WireResponse {
  return { status: 200, headers: headers(requestId), body: '{"taskArns": ["arn:aws:ecs:' };
}

/** `Prefix.Operation` → `Operation`, when the prefix is this service's. */
export function targetOperation(target: string | undefined, prefix: string): string | undefined {
  if (!target?.startsWith(`${prefix}.`)) return undefined;
  return target.slice(prefix.length + 1);
}

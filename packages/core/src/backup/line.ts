import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { DomainError } from "../error";

export type RawItem = Record<string, AttributeValue>;

/**
 * One item as one line of DynamoDB's export format: `{"Item":{"pk":{"S":"…"},…}}`.
 * Keys are sorted so equal items are equal lines whatever order DynamoDB
 * returned their attributes in; binary values are base64, as in AWS's exports.
 */
export function encodeItem(item: RawItem): string {
  return JSON.stringify({ Item: item }, (_key, value) => {
    if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return Object.fromEntries(Object.keys(value).sort().map((k) => [k, value[k]]));
    }
    return value;
  });
}

/** The item of one export line, or a `backup.corrupt` error naming where. */
export function decodeLine(text: string, where: string): RawItem {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw corrupt(`${where} is not JSON.`, where);
  }
  const item = (parsed as { Item?: unknown } | null)?.Item;
  if (!isObject(item) || !isString(item.pk) || !isString(item.sk)) {
    throw corrupt(`${where} is not an item with pk and sk.`, where);
  }
  return revive(item) as RawItem;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isString = (value: unknown) => isObject(value) && typeof value.S === "string";

/** Binary attributes travel as base64 text; the SDK wants bytes back. */
function revive(item: Record<string, unknown>): Record<string, unknown> {
  const value = (attr: unknown): unknown => {
    if (!isObject(attr)) return attr;
    if (typeof attr.B === "string") return { B: Buffer.from(attr.B, "base64") };
    if (Array.isArray(attr.BS)) return { BS: attr.BS.map((b) => Buffer.from(String(b), "base64")) };
    if (Array.isArray(attr.L)) return { L: attr.L.map(value) };
    if (isObject(attr.M)) return { M: revive(attr.M) };
    return attr;
  };
  return Object.fromEntries(Object.entries(item).map(([k, attr]) => [k, value(attr)]));
}

export const corrupt = (message: string, where: string) =>
  new DomainError("backup.corrupt", `The export is corrupt: ${message} Nothing was written.`, { where });

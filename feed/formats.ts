import { FormatRegistry } from "@sinclair/typebox";

/**
 * TypeBox's `Value` functions know no string formats until they are registered; without
 * this, every `date-time` in the feed and every attestation `date` would fail validation.
 * The patterns follow RFC 3339 (what `Date.prototype.toISOString` and JSON Schema use).
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function isCalendarDate(year: string, month: string, day: string): boolean {
  const d = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return d.getUTCFullYear() === Number(year) && d.getUTCMonth() === Number(month) - 1 && d.getUTCDate() === Number(day);
}

export function isDate(value: string): boolean {
  const m = DATE.exec(value);
  return m !== null && isCalendarDate(m[1]!, m[2]!, m[3]!);
}

export function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  return m !== null && isCalendarDate(m[1]!, m[2]!, m[3]!)
    && Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 61;
}

if (!FormatRegistry.Has("date")) FormatRegistry.Set("date", isDate);
if (!FormatRegistry.Has("date-time")) FormatRegistry.Set("date-time", isDateTime);

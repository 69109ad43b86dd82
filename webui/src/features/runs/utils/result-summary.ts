import type { MeasureField } from '@/lib/probe-types';

import { flattenResult } from './flatten-result';

export interface SummaryLine {
  readonly key: string;
  readonly label: string;
  /** The value with its unit ("1.18 ms", "941 Mbit/s", "38"). */
  readonly value: string;
}

export interface ResultSummary {
  /** The catalogue's fields the result has, in the catalogue's order. */
  readonly lines: readonly SummaryLine[];
  /** Every other field of the result, by its raw dotted key. */
  readonly more: readonly [string, string][];
}

/**
 * A run's result as its probe type's catalogue names it: each listed field the result carries as
 * label, value and unit; fields the catalogue does not list are kept apart under their raw keys.
 */
export function summariseResult(result: Readonly<Record<string, unknown>>, fields: readonly MeasureField[]): ResultSummary {
  const lines: SummaryLine[] = [];
  for (const field of fields) {
    const value = formatMeasure(valueAt(result, field.key), field.unit);
    if (value !== undefined) {
      lines.push({ key: field.key, label: field.label, value });
    }
  }
  const listed = new Set(fields.map((field) => field.key));
  return { lines, more: flattenResult(result).filter(([key]) => !listed.has(key)) };
}

/** The value at a dotted path ("rtt.p95"), or undefined. */
function valueAt(result: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = result;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const wholeNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const threeDigits = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/**
 * A value for reading: counts and other whole numbers exactly, measurements to three significant
 * digits (no decimals from 100 up: "941", "12.9", "0.557"), yes/no, lists joined. Undefined for
 * what cannot be shown as one value (missing, null, an object).
 */
export function formatMeasure(value: unknown, unit: string): string | undefined {
  let text: string;
  if (typeof value === 'number' && Number.isFinite(value)) {
    text = Number.isInteger(value) || Math.abs(value) >= 100 ? wholeNumber.format(value) : threeDigits.format(value);
  } else if (typeof value === 'boolean') {
    text = value ? 'yes' : 'no';
  } else if (typeof value === 'string') {
    text = value;
  } else if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) {
    text = value.length > 0 ? value.join(', ') : 'none';
  } else {
    return undefined;
  }
  return unit ? `${text} ${unit}` : text;
}

/**
 * A node's result object as label/value pairs for display: nested objects become dotted
 * keys ("rtt.p95"), numbers are rounded to what a reader can use, arrays are counted.
 */
export function flattenResult(result: Readonly<Record<string, unknown>>, prefix = ''): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(result)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value === null || value === undefined) {
      continue;
    }
    if (typeof value === 'number') {
      out.push([path, Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000)]);
    } else if (typeof value === 'string' || typeof value === 'boolean') {
      out.push([path, String(value)]);
    } else if (Array.isArray(value)) {
      out.push([path, value.length === 0 ? 'none' : value.every((v) => typeof v !== 'object') ? value.join(', ') : `${value.length} entries`]);
    } else if (typeof value === 'object') {
      out.push(...flattenResult(value as Record<string, unknown>, path));
    }
  }
  return out;
}

import type { Result } from '../api/results';

/** The headline numbers of a result, whichever the probe type produced, for a table cell. */
export function headlineMetrics(result: Result): string {
  const parts: string[] = [];
  const ms = (value: number) => `${value < 10 ? value.toFixed(2) : Math.round(value)} ms`;
  if (result.latencyP50Ms != null) {
    parts.push(`p50 ${ms(result.latencyP50Ms)}`);
  }
  if (result.latencyP95Ms != null) {
    parts.push(`p95 ${ms(result.latencyP95Ms)}`);
  }
  if (result.jitterMs != null) {
    parts.push(`jitter ${ms(result.jitterMs)}`);
  }
  if (result.lossPercent != null) {
    parts.push(`loss ${result.lossPercent.toFixed(1)} %`);
  }
  if (result.throughputDownMbps != null) {
    parts.push(`↓ ${result.throughputDownMbps.toFixed(1)} Mbit/s`);
  }
  if (result.throughputUpMbps != null) {
    parts.push(`↑ ${result.throughputUpMbps.toFixed(1)} Mbit/s`);
  }
  if (result.httpTotalMs != null) {
    parts.push(`HTTP ${ms(result.httpTotalMs)}`);
  }
  if (result.dnsMs != null) {
    parts.push(`DNS ${ms(result.dnsMs)}`);
  }
  if (result.certificateDaysLeft != null) {
    parts.push(`cert ${result.certificateDaysLeft} d`);
  }
  return parts.join(' · ') || '—';
}

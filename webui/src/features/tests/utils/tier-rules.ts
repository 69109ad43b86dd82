import type { Thresholds } from '../api/tiers';

/** The API's bounds for tier edits (TierController's @Min/@Max/@DecimalMax). */
export const THRESHOLD_FIELDS: readonly { key: keyof Thresholds; label: string; unit: string; max: number; below?: boolean }[] = [
  { key: 'latencyMs', label: 'Latency above', unit: 'ms', max: 600_000 },
  { key: 'lossPercent', label: 'Loss above', unit: '%', max: 100 },
  { key: 'httpMs', label: 'HTTP total above', unit: 'ms', max: 600_000 },
  { key: 'dnsMs', label: 'DNS above', unit: 'ms', max: 600_000 },
  { key: 'throughputMbps', label: 'Throughput below', unit: 'Mbit/s', max: 1_000_000, below: true },
  { key: 'jitterMs', label: 'Jitter above', unit: 'ms', max: 600_000 },
  { key: 'certificateDays', label: 'Certificate expires within', unit: 'days', max: 3650, below: true },
];

export interface TierInputs {
  readonly timeoutSeconds: string;
  readonly retentionDays: string;
  readonly thresholds: Readonly<Record<keyof Thresholds, string>>;
}

/** Checks a tier form; errors use the API's paths ("thresholds.lossPercent"). */
export function checkTier(inputs: TierInputs): {
  body: { timeoutSeconds: number; retentionDays: number; thresholds: Thresholds };
  errors: Record<string, string>;
} {
  const errors: Record<string, string> = {};
  const whole = (field: string, text: string, min: number, max: number) => {
    const value = Number(text.trim());
    if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
      errors[field] = `must be between ${min} and ${max}`;
    }
    return value;
  };
  const timeoutSeconds = whole('timeoutSeconds', inputs.timeoutSeconds, 1, 300);
  const retentionDays = whole('retentionDays', inputs.retentionDays, 1, 3650);
  const thresholds = {} as Record<keyof Thresholds, number | null>;
  for (const field of THRESHOLD_FIELDS) {
    const text = inputs.thresholds[field.key].trim();
    if (text === '') {
      thresholds[field.key] = null;
      continue;
    }
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0 || value > field.max) {
      errors[`thresholds.${field.key}`] = `must be a number from 0 to ${field.max}`;
    }
    thresholds[field.key] = value;
  }
  return { body: { timeoutSeconds, retentionDays, thresholds }, errors };
}

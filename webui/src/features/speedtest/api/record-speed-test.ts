import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Schema } from '@/lib/api-schema';

/**
 * The body of POST /speedtests (SpeedTestController.SpeedTestRequest). Bounds the API checks:
 * Mbit/s 0-100000, ping and jitter 0-60000 ms, bytes 0-10^13, duration 1-600000 ms, user agent
 * up to 512 characters.
 */
export type SpeedTestRecord = Schema<'SpeedTestRequest'>;

/** The stored 'speedtest' result (201, Location /results/{id}). */
export type RecordedSpeedTest = Pick<Schema<'ResultView'>, 'id' | 'runId' | 'verdict'>;

export function useRecordSpeedTest(orgId: string) {
  return useMutation({
    mutationFn: (record: SpeedTestRecord) =>
      api.post<RecordedSpeedTest>(`/api/v1/orgs/${encodeURIComponent(orgId)}/speedtests`, record),
  });
}

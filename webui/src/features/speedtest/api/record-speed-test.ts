import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

/** POST /speedtests (the agreed contract; not in webui/openapi.json until the endpoint merges). */
export interface SpeedTestRecord {
  readonly nodeId: string;
  readonly downloadMbps: number;
  readonly uploadMbps: number;
  readonly pingMs: number;
  readonly jitterMs: number;
  readonly bytesDown?: number;
  readonly bytesUp?: number;
  readonly durationMillis?: number;
  readonly userAgent?: string;
}

export interface RecordedSpeedTest {
  readonly id: string;
  readonly runId?: string;
}

export function useRecordSpeedTest(orgId: string) {
  return useMutation({
    mutationFn: (record: SpeedTestRecord) =>
      api.post<RecordedSpeedTest>(`/api/v1/orgs/${encodeURIComponent(orgId)}/speedtests`, record),
  });
}

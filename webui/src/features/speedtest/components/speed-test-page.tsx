import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';

import { Alert, ErrorAlert } from '@/components/alert';
import { Button } from '@/components/button';
import { SelectField } from '@/components/field';
import { LineChart } from '@/components/line-chart';
import { PageHeader } from '@/components/page-header';
import { EmptyState } from '@/components/states';

import { useRecordSpeedTest } from '../api/record-speed-test';
import { runSpeedTest, type SpeedTestOutcome, type SpeedTestPhase } from '../utils/run-speed-test';
import { perSecond } from '../utils/speed-math';

import styles from './speed-test.module.css';

export interface SpeedTestNode {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  /** Where the browser reaches the node; nodes without one cannot serve a browser test. */
  readonly advertisedUrl: string | null;
  readonly online: boolean;
}

interface Readings {
  ping: number[];
  download: { millis: number; bytes: number }[];
  upload: { millis: number; bytes: number }[];
  current: { phase: SpeedTestPhase; value: number } | null;
  downloadMbps: number | null;
  uploadMbps: number | null;
}

const EMPTY: Readings = { ping: [], download: [], upload: [], current: null, downloadMbps: null, uploadMbps: null };

export function SpeedTestPage({ orgId, nodes, canRun }: { orgId: string; nodes: readonly SpeedTestNode[]; canRun: boolean }) {
  const usable = nodes.filter((n) => n.online && n.advertisedUrl);
  const [nodeId, setNodeId] = useState('');
  const node = usable.find((n) => n.id === nodeId) ?? usable[0];
  const [readings, setReadings] = useState<Readings>(EMPTY);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<SpeedTestOutcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const record = useRecordSpeedTest(orgId);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => () => abort.current?.abort(), []);

  async function start() {
    if (!node?.advertisedUrl) {
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setRunning(true);
    setError(null);
    setOutcome(null);
    setReadings(EMPTY);
    record.reset();
    try {
      const result = await runSpeedTest({
        baseUrl: node.advertisedUrl,
        signal: controller.signal,
        onProgress: (p) =>
          setReadings((r) => {
            const next = { ...r, current: { phase: p.phase, value: p.value } };
            if (p.phase === 'ping') {
              next.ping = [...r.ping, p.value];
            } else if (p.phase === 'download') {
              next.download = [...r.download, { millis: p.millis, bytes: p.bytes }];
              next.downloadMbps = p.value;
            } else {
              next.upload = [...r.upload, { millis: p.millis, bytes: p.bytes }];
              next.uploadMbps = p.value;
            }
            return next;
          }),
      });
      setOutcome(result);
      record.mutate({
        nodeId: node.id,
        downloadMbps: result.downloadMbps,
        uploadMbps: result.uploadMbps,
        pingMs: result.pingMs,
        jitterMs: result.jitterMs,
        bytesDown: result.bytesDown,
        bytesUp: result.bytesUp,
        // The API takes 1-600000 ms and a user agent of up to 512 characters.
        durationMillis: Math.max(1, result.durationMillis),
        userAgent: navigator.userAgent.slice(0, 512),
      });
    } catch (failure) {
      if (!controller.signal.aborted) {
        setError(
          failure instanceof TypeError
            ? new Error(
                `Could not reach ${node.advertisedUrl} from this browser. The node must be reachable from here and allow this page’s origin (waddleperf.speedtest.allowed-origins).`,
              )
            : failure,
        );
      }
    } finally {
      setRunning(false);
    }
  }

  const lastPing = readings.ping.at(-1);
  return (
    <>
      <PageHeader
        title="Speed test"
        description="Measures download, upload, ping and jitter between this browser and a node, and records the result with your address for the geographic view."
      />
      <div className={styles.stack}>
        <section aria-labelledby="speed-node-heading" className="card">
          <h2 id="speed-node-heading" className={styles.cardHeading}>
            Node
          </h2>
          {usable.length === 0 ? (
            <EmptyState title="No node can serve a browser test">An online node with an advertised URL is needed.</EmptyState>
          ) : (
            <div className={styles.controls}>
              <SelectField
                label="Test against"
                options={usable.map((n) => ({ value: n.id, label: `${n.name} (${n.region})` }))}
                value={node?.id ?? ''}
                onChange={(e) => setNodeId(e.target.value)}
                disabled={running}
              />
              {canRun ? (
                <Button variant="primary" busy={running} onClick={() => void start()}>
                  {running ? 'Measuring…' : 'Start speed test'}
                </Button>
              ) : (
                <p className={styles.muted}>Running speed tests needs the Maintainer role.</p>
              )}
              {running ? <Button onClick={() => abort.current?.abort()}>Stop</Button> : null}
            </div>
          )}
          {error ? <ErrorAlert title="The speed test failed" error={error} /> : null}
        </section>

        <section aria-labelledby="speed-gauges-heading" className="card">
          <h2 id="speed-gauges-heading" className={styles.cardHeading}>
            {running ? `Measuring ${readings.current?.phase ?? 'ping'}…` : outcome ? 'Result' : 'Gauges'}
          </h2>
          <div className={styles.gauges} aria-live="polite">
            <Gauge label="Download" value={outcome?.downloadMbps ?? readings.downloadMbps} unit="Mbit/s" scale={1000} />
            <Gauge label="Upload" value={outcome?.uploadMbps ?? readings.uploadMbps} unit="Mbit/s" scale={1000} />
            <Gauge label="Ping" value={outcome?.pingMs ?? lastPing ?? null} unit="ms" scale={200} />
            <Gauge label="Jitter" value={outcome?.jitterMs ?? null} unit="ms" scale={50} />
          </div>
          {readings.download.length > 0 || readings.upload.length > 0 ? (
            <div className={styles.charts}>
              <LineChart
                title="Throughput per second"
                unit="Mbit/s"
                series={[
                  { name: 'Download', points: perSecond(readings.download) },
                  { name: 'Upload', points: perSecond(readings.upload) },
                ]}
              />
              {readings.ping.length > 0 ? (
                <LineChart
                  title="Ping round trips"
                  unit="ms"
                  xLabel="Ping"
                  series={[{ name: 'RTT', points: readings.ping.map((y, i) => ({ x: i + 1, y: Math.round(y * 100) / 100 })) }]}
                />
              ) : null}
            </div>
          ) : null}
          {record.isPending ? <p className={styles.muted}>Recording the result…</p> : null}
          {record.isSuccess ? (
            <Alert tone="success">
              Result recorded. <Link to="/results?type=speedtest">See speed-test results</Link>
            </Alert>
          ) : null}
          {record.error ? <ErrorAlert title="The result could not be recorded" error={record.error} /> : null}
        </section>
      </div>
    </>
  );
}

function Gauge({ label, value, unit, scale }: { label: string; value: number | null; unit: string; scale: number }) {
  const text = value === null ? '—' : value >= 100 ? Math.round(value).toString() : value.toFixed(2);
  return (
    <div className={styles.gauge}>
      <p className={styles.gaugeLabel}>{label}</p>
      <p className={styles.gaugeValue} aria-label={`${label} ${text} ${unit}`}>
        {text} <span className={styles.unit}>{unit}</span>
      </p>
      <meter min={0} max={scale} value={Math.min(value ?? 0, scale)} aria-hidden="true" className={styles.meter} />
    </div>
  );
}

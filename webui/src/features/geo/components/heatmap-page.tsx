import { lazy, Suspense, useMemo, useState } from 'react';
import { Link } from 'react-router';

import { Alert, ErrorAlert } from '@/components/alert';
import { Button } from '@/components/button';
import { SelectField } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { Loading } from '@/components/states';
import { Table } from '@/components/table';
import { ApiError } from '@/lib/api-client';
import { downloadFile } from '@/lib/download';

import { heatmapPath, useHeatmap } from '../api/get-heatmap';
import { colours, formatFigure, levelForZoom, METRICS, period, PERIODS } from '../utils/heatmap';
import type { ShadedProperties } from '../utils/heatmap';

import styles from './heatmap.module.css';

// MapLibre is large and needs WebGL; it loads only when the page is shown.
const HeatmapMap = lazy(() => import('./heatmap-map').then((m) => ({ default: m.HeatmapMap })));

const WORST = 10;

export function HeatmapPage({ orgId }: { orgId: string }) {
  const [metric, setMetric] = useState('latency');
  const [hours, setHours] = useState('168');
  const [zoom, setZoom] = useState(1);
  const [selected, setSelected] = useState<ShadedProperties | null>(null);
  const [downloading, setDownloading] = useState<'csv' | 'pdf' | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  // The period is fixed when it is picked, so the map and the reports describe the same hours.
  const range = useMemo(() => period(Number(hours), new Date()), [hours]);
  const query = { metric, level: levelForZoom(zoom), ...range };
  const heatmap = useHeatmap(orgId, query);
  const data = heatmap.data;
  const unit = data?.unit ?? '';
  const worst = (data?.features ?? []).slice(0, WORST).map((f) => f.properties);
  const palette = colours(worst, metric);

  async function download(kind: 'csv' | 'pdf') {
    setDownloading(kind);
    setDownloadError(null);
    try {
      await downloadFile(heatmapPath(orgId, { ...query, level: kind === 'pdf' ? 'city' : query.level }, `/report.${kind}`), `heatmap.${kind}`);
    } catch (error) {
      setDownloadError(error);
    } finally {
      setDownloading(null);
    }
  }

  if (heatmap.error instanceof ApiError && heatmap.error.status === 402) {
    return (
      <>
        <PageHeader title="Map" description="Where your users and nodes measure well or badly." />
        <Alert tone="info" title="The geographic heatmap is not part of your license">
          <p>
            The map needs the <code>geo_heatmap</code> feature, which comes with the Professional and Enterprise licenses. Results are
            still recorded and geolocated, so the map shows them as soon as the license includes it. See <Link to="/license">License</Link>.
          </p>
        </Alert>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Map"
        description="Countries shaded by the chosen figure's p95; zoom in for hexagons. Hover for counts and percentiles, click for the results."
      />
      <div className={styles.controls}>
        <SelectField label="Metric" value={metric} options={METRICS} onChange={(e) => setMetric(e.target.value)} />
        <SelectField label="Period" value={hours} options={PERIODS} onChange={(e) => setHours(e.target.value)} />
        <Button busy={downloading === 'csv'} onClick={() => void download('csv')}>
          Download CSV
        </Button>
        <Button busy={downloading === 'pdf'} onClick={() => void download('pdf')}>
          Download PDF
        </Button>
      </div>
      {downloadError ? <ErrorAlert error={downloadError} title="The download failed" /> : null}
      {heatmap.error ? <ErrorAlert error={heatmap.error} title="The map could not be loaded" /> : null}
      <Suspense fallback={<Loading label="Loading the map…" />}>
        <HeatmapMap heatmap={data} unit={unit} onZoom={setZoom} onSelect={setSelected} />
      </Suspense>
      <div className={styles.legend}>
        <span className={styles.swatch} style={{ background: '#1a9850' }} /> best
        <span className={styles.swatch} style={{ background: '#fee08b' }} />
        <span className={styles.swatch} style={{ background: '#d73027' }} /> worst p95 among the places shown
      </div>
      {data ? (
        <p className={styles.credit}>
          Places with fewer than {data.minSamples} samples in the period are left out. Percentiles are within {data.relativeAccuracy * 100}
          % of the exact value.{' '}
          {data.attribution ? (
            <a href={data.attribution.url} target="_blank" rel="noreferrer">
              IP Geolocation by DB-IP
            </a>
          ) : null}
        </p>
      ) : null}
      {selected ? (
        <Alert tone="info" title={selected.name}>
          <p>
            {selected.count} samples, p50 {formatFigure(selected.p50)} {unit}, p95 {formatFigure(selected.p95)} {unit}.{' '}
            <Link to={`/results?${new URLSearchParams({ from: range.from, to: range.to }).toString()}`}>Results of this period</Link>
          </p>
        </Alert>
      ) : null}
      <h2>Worst places</h2>
      {heatmap.isPending ? (
        <Loading label="Loading places…" />
      ) : (
        <Table caption={`Worst places by p95 (${data?.level ?? query.level})`}>
          <thead>
            <tr>
              <th scope="col">Place</th>
              <th scope="col">Side</th>
              <th scope="col">Samples</th>
              <th scope="col">p50</th>
              <th scope="col">p95</th>
            </tr>
          </thead>
          <tbody>
            {worst.length === 0 ? (
              <tr>
                <td colSpan={5}>No place has enough samples in this period.</td>
              </tr>
            ) : (
              worst.map((p) => (
                <tr key={`${p.side}:${p.place}`}>
                  <td>
                    <span className={styles.swatch} style={{ background: palette.get(`${p.side}:${p.place}`) }} /> {p.name}
                  </td>
                  <td>{p.side}</td>
                  <td>{p.count}</td>
                  <td>
                    {formatFigure(p.p50)} {unit}
                  </td>
                  <td>
                    {formatFigure(p.p95)} {unit}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </Table>
      )}
    </>
  );
}

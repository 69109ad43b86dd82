import { Alert, ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { PageHeader } from '@/components/page-header';
import { Loading } from '@/components/states';
import { Table } from '@/components/table';
import { formatDateTime } from '@/lib/format';

import { useLicense, type License } from '../api/get-license';

import styles from './license.module.css';

const MODES: Record<string, string> = {
  development: 'Development mode: no license checks, every feature on',
  online: 'Checked against the license server',
  offline: 'Offline signed license file',
};

const FEATURES: Record<string, string> = {
  autoperf: 'AutoPerf continuous monitoring',
  tier3: 'Tier 3 comprehensive tests',
  capture_archive: 'Capture archive (S3)',
  geo_heatmap: 'Geographic heatmap',
  sso: 'Single sign-on',
  audit_log: 'Audit log',
  api_keys: 'API keys',
};

export function LicensePage({ orgId }: { orgId: string }) {
  const license = useLicense(orgId);
  return (
    <>
      <PageHeader title="License" description="What this installation is licensed for, and when it was last checked." />
      {license.isPending ? <Loading label="Loading the license…" /> : null}
      {license.isError ? <ErrorAlert title="Could not load the license" error={license.error} /> : null}
      {license.data ? <LicenseDetails license={license.data} /> : null}
    </>
  );
}

function limit(value: number, unit: string): string {
  return value < 0 ? 'Unlimited' : `${value} ${unit}`;
}

function LicenseDetails({ license }: { license: License }) {
  return (
    <div className={styles.stack}>
      {license.inGrace ? (
        <Alert tone="error" title="The license server could not be reached">
          <p>
            The last good answer is used until {formatDateTime(license.graceEndsAt)}.
            {license.lastFailure ? ` Last failure: ${license.lastFailure}` : ''}
          </p>
        </Alert>
      ) : null}
      <section aria-labelledby="license-status-heading" className="card">
        <h2 id="license-status-heading" className={styles.cardHeading}>
          Status
        </h2>
        <dl className={styles.facts}>
          <div>
            <dt>Tier</dt>
            <dd>
              <Badge tone="accent">{license.tier}</Badge>
            </dd>
          </div>
          <div>
            <dt>Mode</dt>
            <dd>{MODES[license.mode] ?? license.mode}</dd>
          </div>
          <div>
            <dt>Customer</dt>
            <dd>{license.customer || '—'}</dd>
          </div>
          <div>
            <dt>Key</dt>
            <dd>{license.key ?? '—'}</dd>
          </div>
          <div>
            <dt>Expires</dt>
            <dd>{license.expiresAt ? formatDateTime(license.expiresAt) : 'Never'}</dd>
          </div>
          <div>
            <dt>Last check</dt>
            <dd>{license.lastCheck ? formatDateTime(license.lastCheck, { seconds: true }) : 'Not checked'}</dd>
          </div>
          <div>
            <dt>Nodes</dt>
            <dd>{limit(license.limits.maxServers, 'nodes')}</dd>
          </div>
          <div>
            <dt>Users</dt>
            <dd>{limit(license.limits.maxUsers, 'users')}</dd>
          </div>
          <div>
            <dt>Data retention</dt>
            <dd>{limit(license.limits.dataRetentionDays, 'days')}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="license-features-heading" className="card">
        <h2 id="license-features-heading" className={styles.cardHeading}>
          Features
        </h2>
        <Table caption="Licensed features" hideCaption>
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col">Entitled</th>
            </tr>
          </thead>
          <tbody>
            {license.features.map((feature) => (
              <tr key={feature.name}>
                <th scope="row">
                  {FEATURES[feature.name] ?? feature.name} <code>{feature.name}</code>
                </th>
                <td>{feature.entitled ? <Badge tone="ok">Yes</Badge> : <Badge>No</Badge>}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
    </div>
  );
}

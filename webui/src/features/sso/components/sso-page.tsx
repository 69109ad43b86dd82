import { useState } from 'react';

import { Alert, ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { PageHeader } from '@/components/page-header';
import { Loading } from '@/components/states';
import { formatDateTime } from '@/lib/format';

import { useSso } from '../api/get-sso';
import { useRemoveSso } from '../api/remove-sso';

import { SsoForm } from './sso-form';
import styles from './sso.module.css';

export function SsoPage({ orgId }: { orgId: string }) {
  const sso = useSso(orgId);
  const remove = useRemoveSso(orgId);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const config = sso.data;

  return (
    <>
      <PageHeader
        title="Single sign-on"
        description="Let people sign in with your organisation's OpenID Connect provider. Their tokens' claims decide their role here."
      />
      <section aria-labelledby="sso-heading" className="card">
        <div className={styles.heading}>
          <h2 id="sso-heading" className={styles.cardHeading}>
            OpenID Connect
          </h2>
          {config ? <Badge tone="ok">Enabled</Badge> : null}
          {config === null ? <Badge>Not configured</Badge> : null}
        </div>
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {sso.isPending ? <Loading label="Loading the SSO settings…" /> : null}
        {sso.isError ? <ErrorAlert title="Could not load the SSO settings" error={sso.error} /> : null}
        {config ? (
          <p className={styles.updated}>
            Last changed <time dateTime={config.updatedAt}>{formatDateTime(config.updatedAt)}</time>.
          </p>
        ) : null}
        {config === null ? (
          <p className={styles.updated}>Members sign in with e-mail and password only. Fill in the form to enable SSO.</p>
        ) : null}
        {sso.isSuccess ? (
          // Keyed by version so a save or a removal starts the form again from what the server stored.
          <SsoForm
            key={config?.updatedAt ?? 'new'}
            orgId={orgId}
            config={config ?? null}
            onSaved={() => setNotice('SSO settings saved.')}
          />
        ) : null}
        {config ? (
          <div className={styles.danger}>
            <h3 className={styles.dangerHeading}>Remove SSO</h3>
            <p>Members who have only ever signed in through your provider lose access until SSO is configured again.</p>
            <Button
              variant="danger"
              onClick={() => {
                remove.reset();
                setNotice(null);
                setConfirming(true);
              }}
            >
              Remove SSO
            </Button>
          </div>
        ) : null}
      </section>
      {confirming && config ? (
        <ConfirmDialog
          title="Remove SSO?"
          confirmLabel="Remove SSO"
          busy={remove.isPending}
          onConfirm={() =>
            remove.mutate(undefined, {
              onSuccess: () => {
                setConfirming(false);
                setNotice('SSO was removed.');
              },
            })
          }
          onCancel={() => setConfirming(false)}
          error={remove.error ? <ErrorAlert title="Could not remove SSO" error={remove.error} /> : null}
        >
          <p>
            Tokens from <strong>{config.issuerUri}</strong> will no longer be accepted.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

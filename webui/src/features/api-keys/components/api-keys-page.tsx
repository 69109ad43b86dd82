import { useState } from 'react';

import { ErrorAlert } from '@/components/alert';
import { OneTimeSecret } from '@/components/one-time-secret';
import { PageHeader } from '@/components/page-header';
import { EmptyState, Loading } from '@/components/states';
import { roleLabel } from '@/lib/roles';

import type { CreatedApiKey } from '../api/create-api-key';
import { useApiKeys } from '../api/get-api-keys';

import { ApiKeysTable } from './api-keys-table';
import styles from './api-keys.module.css';
import { CreateApiKeyForm } from './create-api-key-form';

export function ApiKeysPage({ orgId }: { orgId: string }) {
  const keys = useApiKeys(orgId);
  // The only copy of the new secret: component state, gone on "Done" or when leaving the page.
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let scripts and CI pipelines call the WaddlePerf API with a role in this organisation. Send one in the{' '}
            <code>Authorization: ApiKey wpk_…</code> header.
          </>
        }
      />
      <div className={styles.stack}>
        <section aria-labelledby="create-key-heading" className="card">
          <h2 id="create-key-heading" className={styles.cardHeading}>
            Create a key
          </h2>
          {created ? (
            <OneTimeSecret
              title={`Key “${created.key.name}” created`}
              label="API key"
              secret={created.secret}
              onDone={() => setCreated(null)}
            >
              <p>
                Copy the key now and store it in your secret manager: WaddlePerf keeps only a hash and cannot show it again.
                It acts as {roleLabel(created.key.role)}.
              </p>
            </OneTimeSecret>
          ) : null}
          <CreateApiKeyForm orgId={orgId} onCreated={setCreated} />
        </section>

        <section aria-labelledby="keys-heading" className="card">
          <h2 id="keys-heading" className={styles.cardHeading}>
            Keys
          </h2>
          {keys.isPending ? <Loading label="Loading API keys…" /> : null}
          {keys.isError ? <ErrorAlert title="Could not load the API keys" error={keys.error} /> : null}
          {keys.data?.length === 0 ? (
            <EmptyState title="No API keys yet">Create one above when a script or pipeline needs API access.</EmptyState>
          ) : null}
          {keys.data && keys.data.length > 0 ? <ApiKeysTable orgId={orgId} keys={keys.data} /> : null}
        </section>
      </div>
    </>
  );
}

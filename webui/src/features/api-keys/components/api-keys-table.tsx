import { useState } from 'react';

import { Alert, ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { Table } from '@/components/table';
import { VisuallyHidden } from '@/components/visually-hidden';
import { formatDateTime } from '@/lib/format';
import { roleLabel } from '@/lib/roles';

import type { ApiKey } from '../api/get-api-keys';
import { useRevokeApiKey } from '../api/revoke-api-key';

import styles from './api-keys.module.css';

export function ApiKeysTable({ orgId, keys }: { orgId: string; keys: readonly ApiKey[] }) {
  const revoke = useRevokeApiKey(orgId);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  function confirmRevoke(key: ApiKey) {
    revoke.mutate(key, {
      onSuccess: () => {
        setRevoking(null);
        setNotice(`The key “${key.name}” was revoked; requests with it now fail.`);
      },
    });
  }

  return (
    <>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <Table caption="API keys" hideCaption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Role</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id} className={key.revokedAt ? styles.revokedRow : undefined}>
              <th scope="row">{key.name}</th>
              <td className={styles.nowrap}>
                <code>{`wpk_${key.prefix}_…`}</code>
              </td>
              <td>{roleLabel(key.role)}</td>
              <td className={styles.nowrap}>
                <time dateTime={key.createdAt}>{formatDateTime(key.createdAt)}</time>
              </td>
              <td className={styles.nowrap}>
                {key.lastUsedAt ? <time dateTime={key.lastUsedAt}>{formatDateTime(key.lastUsedAt)}</time> : 'Never'}
              </td>
              <td>
                {key.revokedAt ? (
                  <Badge tone="danger">
                    Revoked <time dateTime={key.revokedAt}>{formatDateTime(key.revokedAt)}</time>
                  </Badge>
                ) : (
                  <Badge tone="ok">Active</Badge>
                )}
              </td>
              <td className={styles.actionsCell}>
                {key.revokedAt ? null : (
                  <Button
                    variant="quiet"
                    aria-label={`Revoke ${key.name}`}
                    onClick={() => {
                      revoke.reset();
                      setNotice(null);
                      setRevoking(key);
                    }}
                  >
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      {revoking ? (
        <ConfirmDialog
          title="Revoke API key?"
          confirmLabel="Revoke"
          busy={revoke.isPending}
          onConfirm={() => confirmRevoke(revoking)}
          onCancel={() => setRevoking(null)}
          error={revoke.error ? <ErrorAlert title="Could not revoke" error={revoke.error} /> : null}
        >
          <p>
            Anything still using <strong>{revoking.name}</strong> (<code>{`wpk_${revoking.prefix}_…`}</code>) will be
            refused from now on. This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

import { useState } from 'react';

import { Alert, ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { OneTimeSecret } from '@/components/one-time-secret';
import { PageHeader } from '@/components/page-header';
import { EmptyState, Loading } from '@/components/states';
import { Table } from '@/components/table';
import { VisuallyHidden } from '@/components/visually-hidden';
import { splitFieldErrors } from '@/lib/field-errors';
import { formatDateTime } from '@/lib/format';

import {
  SEVERITIES,
  useChannelAttempts,
  useChannels,
  useDeleteChannel,
  useReplaceChannelSeverities,
  useTestChannel,
  type Channel,
  type Severity,
} from '../api/channels';

import styles from './channels.module.css';
import { CreateChannelForm, typeLabel } from './create-channel-form';

interface Created {
  readonly name: string;
  readonly signingSecret: string;
}

export function ChannelsPage({ orgId }: { orgId: string }) {
  const channels = useChannels(orgId);
  // The only copy of a new webhook's signing secret: component state, gone on "Done".
  const [created, setCreated] = useState<Created | null>(null);

  return (
    <>
      <PageHeader
        title="Notification channels"
        description="Where alerts are sent: signed webhooks, Slack, Microsoft Teams, Discord and e-mail. Each channel hears the severities you choose."
      />
      <div className={styles.stack}>
        <section aria-labelledby="create-channel-heading" className="card">
          <h2 id="create-channel-heading" className={styles.cardHeading}>
            Add a channel
          </h2>
          {created ? (
            <OneTimeSecret
              title={`Channel “${created.name}” created`}
              label="Signing secret"
              secret={created.signingSecret}
              onDone={() => setCreated(null)}
            >
              <p>
                Your receiver verifies each request&apos;s <code>webhook-signature</code> with this secret. Copy it now:
                WaddlePerf stores it encrypted and cannot show it again.
              </p>
            </OneTimeSecret>
          ) : null}
          <CreateChannelForm
            orgId={orgId}
            onCreated={(channel) =>
              setCreated(channel.signingSecret ? { name: channel.name, signingSecret: channel.signingSecret } : null)
            }
          />
        </section>

        <section aria-labelledby="channels-heading" className="card">
          <h2 id="channels-heading" className={styles.cardHeading}>
            Channels
          </h2>
          {channels.isPending ? <Loading label="Loading channels…" /> : null}
          {channels.isError ? <ErrorAlert title="Could not load the channels" error={channels.error} /> : null}
          {channels.data?.length === 0 ? (
            <EmptyState title="No channels yet">Add one above so alerts reach someone.</EmptyState>
          ) : null}
          {channels.data && channels.data.length > 0 ? <ChannelsTable orgId={orgId} channels={channels.data} /> : null}
        </section>
      </div>
    </>
  );
}

function ChannelsTable({ orgId, channels }: { orgId: string; channels: readonly Channel[] }) {
  const test = useTestChannel(orgId);
  const remove = useDeleteChannel(orgId);
  const [deleting, setDeleting] = useState<Channel | null>(null);
  const [showing, setShowing] = useState<Channel | null>(null);
  const [editing, setEditing] = useState<Channel | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  function sendTest(channel: Channel) {
    setNotice(null);
    test.mutate(channel, {
      onSuccess: (result) =>
        setNotice(
          result.delivered
            ? {
                tone: 'success',
                text: `Test sent to “${channel.name}”: the receiver answered ${result.statusCode ?? '–'} in ${result.latencyMs} ms.`,
              }
            : {
                tone: 'error',
                text: `Test to “${channel.name}” failed${result.statusCode ? ` (${result.statusCode})` : ''}: ${result.error ?? 'no answer'}.`,
              },
        ),
      onError: (error) => setNotice({ tone: 'error', text: error.message }),
    });
  }

  return (
    <>
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      <Table caption="Notification channels" hideCaption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Sends to</th>
            <th scope="col">Severities</th>
            <th scope="col">Health</th>
            <th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </th>
          </tr>
        </thead>
        <tbody>
          {channels.map((channel) => (
            <tr key={channel.id}>
              <th scope="row">{channel.name}</th>
              <td className={styles.nowrap}>{typeLabel(channel.type)}</td>
              <td>
                <code>{channel.target}</code>
              </td>
              <td>{channel.severities.join(', ')}</td>
              <td>
                {channel.healthy ? (
                  <Badge tone="ok">Healthy</Badge>
                ) : (
                  <Badge tone="danger">Failing since {formatDateTime(channel.failingSince)}</Badge>
                )}
                {channel.lastError ? <div className={styles.muted}>{channel.lastError}</div> : null}
              </td>
              <td>
                <div className={styles.actions}>
                  <Button
                    variant="quiet"
                    aria-label={`Send a test to ${channel.name}`}
                    busy={test.isPending && test.variables?.id === channel.id}
                    onClick={() => sendTest(channel)}
                  >
                    Send test
                  </Button>
                  <Button
                    variant="quiet"
                    aria-label={`Edit the severities of ${channel.name}`}
                    onClick={() => setEditing(editing?.id === channel.id ? null : channel)}
                  >
                    Severities
                  </Button>
                  <Button
                    variant="quiet"
                    aria-label={`Attempts of ${channel.name}`}
                    onClick={() => setShowing(showing?.id === channel.id ? null : channel)}
                  >
                    Attempts
                  </Button>
                  <Button
                    variant="quiet"
                    aria-label={`Delete ${channel.name}`}
                    onClick={() => {
                      remove.reset();
                      setDeleting(channel);
                    }}
                  >
                    Delete
                  </Button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      {editing ? (
        <SeveritiesEditor
          key={editing.id}
          orgId={orgId}
          channel={editing}
          onDone={(saved) => {
            setEditing(null);
            if (saved) {
              setNotice({ tone: 'success', text: `“${saved.name}” now hears ${saved.severities.join(', ')}.` });
            }
          }}
        />
      ) : null}
      {showing ? <Attempts orgId={orgId} channel={showing} /> : null}
      {deleting ? (
        <ConfirmDialog
          title="Delete channel?"
          confirmLabel="Delete"
          busy={remove.isPending}
          onConfirm={() =>
            remove.mutate(deleting, {
              onSuccess: () => {
                setDeleting(null);
                setShowing(null);
              },
            })
          }
          onCancel={() => setDeleting(null)}
          error={remove.error ? <ErrorAlert title="Could not delete" error={remove.error} /> : null}
        >
          <p>
            Alerts stop going to <strong>{deleting.name}</strong>, and what is still queued for it is dropped. Its past
            deliveries stay in the alerts&apos; timelines.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/**
 * Which severities a channel hears: alert rules that name no channels reach every channel hearing
 * their severity (docs/alerts.md#channels-and-delivery).
 */
function SeveritiesEditor({ orgId, channel, onDone }: { orgId: string; channel: Channel; onDone: (saved: Channel | null) => void }) {
  const replace = useReplaceChannelSeverities(orgId);
  const [severities, setSeverities] = useState<readonly Severity[]>(channel.severities);
  const { byField, summary } = splitFieldErrors(replace.error);
  const error = severities.length === 0 ? 'Choose at least one severity.' : (byField.severities ?? byField['severities[0]']);
  return (
    <form
      aria-label={`Severities of ${channel.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (severities.length > 0) {
          replace.mutate({ channel, severities }, { onSuccess: (saved) => onDone(saved) });
        }
      }}
    >
      <h3 className={styles.cardHeading}>Severities: {channel.name}</h3>
      {replace.error ? <ErrorAlert title="Could not save the severities" error={replace.error} message={summary} /> : null}
      <fieldset className={styles.severities} aria-describedby="edit-severities-error">
        <legend>Severities it hears</legend>
        {SEVERITIES.map((severity) => (
          <label key={severity}>
            <input
              type="checkbox"
              checked={severities.includes(severity)}
              onChange={(event) =>
                setSeverities(
                  event.target.checked ? SEVERITIES.filter((s) => s === severity || severities.includes(s)) : severities.filter((s) => s !== severity),
                )
              }
            />{' '}
            {severity.charAt(0) + severity.slice(1).toLowerCase()}
          </label>
        ))}
      </fieldset>
      <p id="edit-severities-error" role={error ? 'alert' : undefined}>
        {error ?? ''}
      </p>
      <div className={styles.actions}>
        <Button type="button" variant="quiet" onClick={() => onDone(null)}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" busy={replace.isPending} disabled={severities.length === 0}>
          Save severities
        </Button>
      </div>
    </form>
  );
}

function Attempts({ orgId, channel }: { orgId: string; channel: Channel }) {
  const attempts = useChannelAttempts(orgId, channel.id);
  return (
    <section aria-label={`Delivery attempts of ${channel.name}`}>
      <h3 className={styles.cardHeading}>Latest attempts: {channel.name}</h3>
      {attempts.isPending ? <Loading label="Loading attempts…" /> : null}
      {attempts.isError ? <ErrorAlert title="Could not load the attempts" error={attempts.error} /> : null}
      {attempts.data?.length === 0 ? <EmptyState title="Nothing sent yet" /> : null}
      {attempts.data && attempts.data.length > 0 ? (
        <Table caption={`Delivery attempts of ${channel.name}`} hideCaption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Kind</th>
              <th scope="col">Attempt</th>
              <th scope="col">Outcome</th>
              <th scope="col">Latency</th>
            </tr>
          </thead>
          <tbody>
            {attempts.data.map((a) => (
              <tr key={`${a.notificationId}-${a.attempt}-${a.at}`}>
                <td className={styles.nowrap}>
                  <time dateTime={a.at}>{formatDateTime(a.at, { seconds: true })}</time>
                </td>
                <td>{a.kind}</td>
                <td>{a.attempt}</td>
                <td>
                  {a.delivered ? (
                    <Badge tone="ok">Delivered {a.statusCode ?? ''}</Badge>
                  ) : (
                    <Badge tone="danger">Failed {a.statusCode ?? ''}</Badge>
                  )}
                  {a.error ? <div className={styles.muted}>{a.error}</div> : null}
                </td>
                <td className={styles.nowrap}>{a.latencyMs} ms</td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}

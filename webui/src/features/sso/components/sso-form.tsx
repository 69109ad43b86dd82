import { useRef, useState, type FormEvent } from 'react';

import { ErrorAlert } from '@/components/alert';
import { Button } from '@/components/button';
import { SelectField, TextField } from '@/components/field';
import { splitFieldErrors } from '@/lib/field-errors';
import { ssoRedirectUri } from '@/lib/oidc';
import { ROLE_OPTIONS, type Role } from '@/lib/roles';

import type { SsoConfig } from '../api/get-sso';
import { useSaveSso } from '../api/save-sso';
import { duplicateRows, fieldForPath, initialValues, toInput, type MappingRow, type SsoFormValues } from '../utils/sso-form-model';

import styles from './sso.module.css';

const DEFAULT_ROLE_OPTIONS = [{ value: '', label: 'None: refuse users without a mapped claim value' }, ...ROLE_OPTIONS];

interface SsoFormProps {
  orgId: string;
  /** The stored configuration to edit, or null to configure SSO for the first time. */
  config: SsoConfig | null;
  onSaved: () => void;
}

export function SsoForm({ orgId, config, onSaved }: SsoFormProps) {
  const save = useSaveSso(orgId);
  const [values, setValues] = useState<SsoFormValues>(() => initialValues(config));
  const nextKey = useRef(values.rows.length);

  const duplicates = duplicateRows(values.rows);
  const { byField, summary } = splitFieldErrors(save.error, (path) => fieldForPath(path, values.rows));

  function update<K extends keyof SsoFormValues>(field: K, value: SsoFormValues[K]) {
    setValues((current) => ({ ...current, [field]: value }));
  }

  function updateRow(key: number, change: Partial<Omit<MappingRow, 'key'>>) {
    update(
      'rows',
      values.rows.map((row) => (row.key === key ? { ...row, ...change } : row)),
    );
  }

  function addRow() {
    const key = nextKey.current++;
    update('rows', [...values.rows, { key, claimValue: '', role: 'VIEWER' }]);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (duplicates.size > 0) {
      return;
    }
    save.mutate(toInput(values), { onSuccess: onSaved });
  }

  return (
    <form onSubmit={submit} aria-label="SSO settings" className={styles.form}>
      {save.error ? <ErrorAlert title="Could not save the SSO settings" error={save.error} message={summary} /> : null}
      <TextField
        label="Issuer URI"
        type="url"
        required
        maxLength={500}
        placeholder="https://login.example.com/realms/acme"
        value={values.issuerUri}
        onChange={(event) => update('issuerUri', event.target.value)}
        hint="Your identity provider's issuer; WaddlePerf reads its keys from /.well-known/openid-configuration under it."
        error={byField.issuerUri}
      />
      <div className={styles.pair}>
        <TextField
          label="Audience"
          required
          maxLength={200}
          value={values.audience}
          onChange={(event) => update('audience', event.target.value)}
          hint="The aud claim your provider puts in tokens for WaddlePerf."
          error={byField.audience}
        />
        <TextField
          label="Client ID (optional)"
          maxLength={200}
          value={values.clientId}
          onChange={(event) => update('clientId', event.target.value)}
          hint={`A public client (authorization code with PKCE, no secret) registered at your provider, for "Sign in with SSO". Its redirect URI: ${ssoRedirectUri()}`}
          error={byField.clientId}
        />
        <TextField
          label="Role claim"
          required
          maxLength={100}
          value={values.roleClaim}
          onChange={(event) => update('roleClaim', event.target.value)}
          hint="The claim that lists the user's groups or roles."
          error={byField.roleClaim}
        />
      </div>

      <fieldset
        className={styles.mapping}
        aria-describedby={byField.roleMapping ? 'role-mapping-hint role-mapping-error' : 'role-mapping-hint'}
      >
        <legend className={styles.legend}>Role mapping</legend>
        <p id="role-mapping-hint" className={styles.hint}>
          A user gets the highest role that any of their claim values maps to.
        </p>
        {byField.roleMapping ? (
          <p className={styles.fieldError} id="role-mapping-error">
            {byField.roleMapping}
          </p>
        ) : null}
        {values.rows.length === 0 ? <p className={styles.hint}>No mappings: every user gets the default role.</p> : null}
        {values.rows.length > 0 ? (
          <div className={styles.rowsHeader} aria-hidden="true">
            <span>Claim value</span>
            <span>Role</span>
          </div>
        ) : null}
        <ol className={styles.rows}>
          {values.rows.map((row, index) => {
            const error = duplicates.has(row.key) ? 'This claim value is mapped above already.' : byField[`roleMapping.${row.key}`];
            const errorId = `mapping-${row.key}-error`;
            return (
              <li key={row.key} className={styles.row}>
                <input
                  aria-label={`Claim value ${index + 1}`}
                  placeholder="e.g. waddleperf-admins"
                  required
                  maxLength={200}
                  className={styles.control}
                  value={row.claimValue}
                  onChange={(event) => updateRow(row.key, { claimValue: event.target.value })}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? errorId : undefined}
                />
                <select
                  aria-label={`Role for claim value ${index + 1}`}
                  className={styles.control}
                  value={row.role}
                  onChange={(event) => updateRow(row.key, { role: event.target.value as Role })}
                >
                  {ROLE_OPTIONS.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
                <Button
                  variant="quiet"
                  aria-label={`Remove mapping ${index + 1}`}
                  onClick={() => update('rows', values.rows.filter((candidate) => candidate.key !== row.key))}
                >
                  Remove
                </Button>
                {error ? (
                  <p id={errorId} className={`${styles.fieldError} ${styles.rowError}`}>
                    {error}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
        <Button onClick={addRow}>Add mapping</Button>
      </fieldset>

      <SelectField
        label="Default role"
        options={DEFAULT_ROLE_OPTIONS}
        value={values.defaultRole}
        onChange={(event) => update('defaultRole', event.target.value as Role | '')}
        hint="For users whose claim values match no mapping."
        error={byField.defaultRole}
      />

      <div className={styles.formActions}>
        <Button type="submit" variant="primary" busy={save.isPending}>
          {save.isPending ? 'Saving…' : config ? 'Save changes' : 'Enable SSO'}
        </Button>
      </div>
    </form>
  );
}

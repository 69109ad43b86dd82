import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

import { Button } from './button';
import styles from './ui.module.css';

interface OneTimeSecretProps {
  title: string;
  /** What the secret is for and who should get it. */
  children: ReactNode;
  label: string;
  secret: string;
  /** Forgets the secret; after this the UI cannot show it again. */
  onDone: () => void;
}

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * A secret the server returns exactly once (an API key, an initial password). It lives
 * only in the caller's state until "Done", never in a query cache or storage.
 */
export function OneTimeSecret({ title, children, label, secret, onDone }: OneTimeSecretProps) {
  const id = useId();
  const [copy, setCopy] = useState<CopyState>('idle');
  const input = useRef<HTMLInputElement>(null);

  // The secret is the one thing to act on now: focusing it (which selects it) brings
  // keyboard and screen-reader users straight to it.
  useEffect(() => {
    input.current?.focus();
  }, []);

  async function copyToClipboard() {
    try {
      // Undefined outside secure contexts (plain http on a non-localhost host).
      if (!navigator.clipboard) {
        throw new Error('no clipboard');
      }
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className={styles.secret}>
      <h2 id={`${id}-title`} className={styles.secretTitle}>
        {title}
      </h2>
      <div className={styles.secretBody}>{children}</div>
      <label htmlFor={id} className={styles.label}>
        {label}
      </label>
      <div className={styles.secretRow}>
        <input
          ref={input}
          id={id}
          readOnly
          value={secret}
          spellCheck={false}
          autoComplete="off"
          className={`${styles.control} ${styles.secretValue}`}
          onFocus={(event) => event.currentTarget.select()}
        />
        <Button variant="primary" onClick={() => void copyToClipboard()}>
          Copy
        </Button>
      </div>
      <p role="status" className={styles.hint}>
        {copy === 'copied' ? 'Copied to the clipboard.' : null}
        {copy === 'failed' ? 'Copying is not available here; select the text and copy it yourself.' : null}
      </p>
      <div className={styles.actions}>
        <Button onClick={onDone}>Done, I have saved it</Button>
      </div>
    </section>
  );
}

import type { ComponentPropsWithRef } from 'react';

import styles from './ui.module.css';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';

interface ButtonProps extends ComponentPropsWithRef<'button'> {
  variant?: ButtonVariant;
  /** Shows the button as busy (and disabled) while its action runs. */
  busy?: boolean;
}

/** type defaults to "button": a bare <button> inside a form would submit it. */
export function Button({ variant = 'secondary', busy = false, type = 'button', className, disabled, ...rest }: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      className={[styles.button, styles[variant], className].filter(Boolean).join(' ')}
    />
  );
}

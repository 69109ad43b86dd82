import { Outlet } from 'react-router';

import styles from './auth-layout.module.css';
import { Logo } from './logo';

/** The frame of pages shown before signing in: the brand and one card, nothing to navigate. */
export function AuthLayout() {
  return (
    <div className={styles.page}>
      <main className={styles.main}>
        <p className={styles.brand}>
          <Logo />
          <span>WaddlePerf</span>
        </p>
        <div className={`card ${styles.card}`}>
          <Outlet />
        </div>
        <p className={styles.tagline}>Network performance testing and monitoring</p>
      </main>
    </div>
  );
}

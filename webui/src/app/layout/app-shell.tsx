import { NavLink, Outlet } from 'react-router';

import { env } from '@/config/env';
import { AppVersion } from '@/features/system/components/app-version';
import { StatusBanner } from '@/features/system/components/status-banner';

import styles from './app-shell.module.css';
import { Logo } from './logo';

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  isActive ? `${styles.navLink} ${styles.active}` : styles.navLink;

export function AppShell() {
  return (
    <div className={styles.shell}>
      <a href="#main-content" className={styles.skipLink}>
        Skip to main content
      </a>
      <header className={styles.header}>
        <NavLink to="/" className={styles.brand} aria-label="WaddlePerf home">
          <Logo />
          <span className={styles.productName}>WaddlePerf</span>
        </NavLink>
        <span className={styles.tagline}>Network performance testing and monitoring</span>
      </header>

      <nav aria-label="Main" className={styles.nav}>
        <p className={styles.navGroup} id="nav-monitor">
          Monitor
        </p>
        <ul aria-labelledby="nav-monitor" className={styles.navList}>
          <li>
            <NavLink to="/" end className={navLinkClass}>
              Overview
            </NavLink>
          </li>
        </ul>
        <p className={styles.navGroup} id="nav-resources">
          Resources
        </p>
        <ul aria-labelledby="nav-resources" className={styles.navList}>
          <li>
            {/* Served by the API, not a client route, so a plain link. */}
            <a href={`${env.apiUrl}/swagger-ui/index.html`} className={styles.navLink}>
              API reference
            </a>
          </li>
        </ul>
      </nav>

      <div className={styles.content}>
        <StatusBanner />
        <main id="main-content" tabIndex={-1} className={styles.main}>
          <Outlet />
        </main>
        <footer className={styles.footer}>
          <span>WaddlePerf</span>
          <AppVersion />
        </footer>
      </div>
    </div>
  );
}

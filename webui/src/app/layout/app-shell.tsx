import { NavLink, Outlet } from 'react-router';

import { env } from '@/config/env';
import { AccountMenu } from '@/features/auth/components/account-menu';
import { AppVersion } from '@/features/system/components/app-version';
import { StatusBanner } from '@/features/system/components/status-banner';
import { hasRole } from '@/lib/roles';
import { useSignedInSession } from '@/lib/session';

import styles from './app-shell.module.css';
import { Logo } from './logo';

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  isActive ? `${styles.navLink} ${styles.active}` : styles.navLink;

export function AppShell() {
  const { roles } = useSignedInSession();
  // Links only to pages the role may use; the API refuses the rest anyway.
  const admin = hasRole(roles, 'ADMIN');

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
        <AccountMenu />
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
          <li>
            <NavLink to="/results" className={navLinkClass}>
              Results
            </NavLink>
          </li>
          <li>
            <NavLink to="/map" className={navLinkClass}>
              Map
            </NavLink>
          </li>
          <li>
            {/* A full page load: the page's Content-Security-Policy names the nodes' origins as
                they were when it loaded, so a node enrolled since is reachable only after one. */}
            <NavLink to="/speed-test" reloadDocument className={navLinkClass}>
              Speed test
            </NavLink>
          </li>
        </ul>
        <p className={styles.navGroup} id="nav-configure">
          Configure
        </p>
        <ul aria-labelledby="nav-configure" className={styles.navList}>
          <li>
            <NavLink to="/tests" className={navLinkClass}>
              Tests
            </NavLink>
          </li>
          <li>
            <NavLink to="/monitors" className={navLinkClass}>
              Monitors
            </NavLink>
          </li>
          <li>
            <NavLink to="/board" className={navLinkClass}>
              Live board
            </NavLink>
          </li>
          <li>
            <NavLink to="/alerts" className={navLinkClass}>
              Alerts
            </NavLink>
          </li>
          <li>
            <NavLink to="/alert-rules" className={navLinkClass}>
              Alert rules
            </NavLink>
          </li>
          <li>
            <NavLink to="/maintenance-windows" className={navLinkClass}>
              Maintenance windows
            </NavLink>
          </li>
          <li>
            <NavLink to="/tiers" className={navLinkClass}>
              Tiers
            </NavLink>
          </li>
          <li>
            <NavLink to="/nodes" className={navLinkClass}>
              Nodes
            </NavLink>
          </li>
        </ul>
        {admin ? (
          <>
            <p className={styles.navGroup} id="nav-organisation">
              Organisation
            </p>
            <ul aria-labelledby="nav-organisation" className={styles.navList}>
              <li>
                <NavLink to="/members" className={navLinkClass}>
                  Members
                </NavLink>
              </li>
              <li>
                <NavLink to="/api-keys" className={navLinkClass}>
                  API keys
                </NavLink>
              </li>
              <li>
                <NavLink to="/notification-channels" className={navLinkClass}>
                  Notification channels
                </NavLink>
              </li>
              <li>
                <NavLink to="/sso" className={navLinkClass}>
                  Single sign-on
                </NavLink>
              </li>
              <li>
                <NavLink to="/audit" className={navLinkClass}>
                  Audit log
                </NavLink>
              </li>
              <li>
                <NavLink to="/license" className={navLinkClass}>
                  License
                </NavLink>
              </li>
            </ul>
          </>
        ) : null}
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

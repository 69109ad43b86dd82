-- Failed sign-ins (kind 'sign-in') and misses of the public SSO discovery ('sso-discovery') per
-- client address and minute (issue 20), shared by every API replica so the per-address limits
-- hold for the installation, not per replica. A failure is one upsert of its (kind, address,
-- minute) row; a cluster job deletes rows older than the previous minute.
CREATE TABLE identity_sign_in_failures (
    kind          VARCHAR(16)  NOT NULL,
    ip            VARCHAR(45)  NOT NULL,
    window_start  DATETIME(0)  NOT NULL,
    failures      INT          NOT NULL,
    PRIMARY KEY (kind, ip, window_start)
) ENGINE=InnoDB;

/**
 * Organisations: the tenants. Every tenant-owned row elsewhere carries an {@code org_id} that
 * points here.
 */
@ApplicationModule(
        displayName = "Tenancy",
        allowedDependencies = {"shared"})
package io.waddleperf.api.tenancy;

import org.springframework.modulith.ApplicationModule;

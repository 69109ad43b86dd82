/**
 * Users, memberships and roles, sign-in and tokens, API keys, SSO, and the security wiring that
 * authenticates every request and checks its organisation and role in one place.
 */
@ApplicationModule(
        displayName = "Identity",
        allowedDependencies = {"tenancy", "audit", "licensing", "shared"})
package io.waddleperf.api.identity;

import org.springframework.modulith.ApplicationModule;

package io.waddleperf.api.shared.security;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who acts in an organisation-scoped request, after the tenant and role checks passed.
 *
 * @param userId the signed-in user, or null for an API key or an SSO token without a local user
 * @param apiKeyId the API key used, or null
 * @param name what the audit log calls the actor (e-mail, key name, SSO subject)
 */
public record OrgPrincipal(
        UUID orgId,
        Role role,
        @Nullable UUID userId,
        @Nullable UUID apiKeyId,
        String name) {}

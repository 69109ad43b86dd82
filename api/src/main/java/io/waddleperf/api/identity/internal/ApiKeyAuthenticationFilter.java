package io.waddleperf.api.identity.internal;

import io.waddleperf.api.shared.web.ProblemDetailSecurityHandlers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: ApiKey wpk_...}; a bad key is a 401, never anonymous. */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String SCHEME = "ApiKey ";

    private final ApiKeys keys;
    private final ProblemDetailSecurityHandlers problems;

    ApiKeyAuthenticationFilter(ApiKeys keys, ProblemDetailSecurityHandlers problems) {
        this.keys = keys;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            chain.doFilter(request, response);
            return;
        }
        String presented = header.substring(SCHEME.length()).strip();
        var resolved = keys.authenticate(presented);
        if (resolved.isEmpty()) {
            SecurityContextHolder.clearContext();
            problems.commence(request, response, new BadCredentialsException("invalid API key"));
            return;
        }
        var key = resolved.get();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                new ActorAuthentication(new Actor.Key(key.keyId(), key.orgId(), key.role(), key.name()), presented));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}

package io.waddleperf.api.identity.internal;

import io.waddleperf.api.shared.security.Role;
import io.waddleperf.api.shared.web.ProblemDetailSecurityHandlers;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API is stateless and token-authenticated: no sessions, no CSRF tokens (no cookie carries a
 * credential). Bearer JWTs are this API's own or an organisation's SSO issuer's, chosen by their
 * {@code iss}; {@code Authorization: ApiKey ...} carries API keys. Everything under {@code /api/}
 * needs authentication except sign-in; the web UI, health, info, metrics, OpenAPI and JWKS are
 * public. Organisation and role checks happen per handler in {@link OrgAccessInterceptor}.
 */
@Configuration(proxyBeanMethods = false)
class IdentitySecurityConfiguration {

    @Bean
    ProblemDetailSecurityHandlers problemDetailSecurityHandlers(JsonMapper json) {
        return new ProblemDetailSecurityHandlers(json);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt at cost 12: about a quarter of a second here, slow enough to hurt guessing.
        return new BCryptPasswordEncoder(12);
    }

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            ProblemDetailSecurityHandlers problems,
            AccessTokens tokens,
            SsoProviders sso,
            ApiKeys keys) {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(
                        handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .oauth2ResourceServer(resource -> resource.authenticationManagerResolver(issuers(tokens, sso))
                        .bearerTokenResolver(notForNodes())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, problems), BearerTokenAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/api/v1/auth/login",
                                "/api/v1/auth/refresh",
                                "/api/v1/auth/logout",
                                "/api/v1/auth/sso",
                                "/api/v1/node/enroll",
                                "/api/v1/node/heartbeat",
                                // Artefact hand-over: the archive checks the node credential.
                                "/api/v1/node/runs/*/artefacts/*",
                                // iperf3 session reports: the sessions module checks the node credential.
                                "/api/v1/node/sessions",
                                "/api/v1/node/sessions/progress")
                        .permitAll()
                        .requestMatchers("/api/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll());
        return http.build();
    }

    /**
     * Node calls carry an opaque node credential as a bearer token; the nodes module checks it,
     * so the JWT filter must not try to parse it.
     */
    private static BearerTokenResolver notForNodes() {
        DefaultBearerTokenResolver jwt = new DefaultBearerTokenResolver();
        return request -> request.getRequestURI().startsWith("/api/v1/node/") ? null : jwt.resolve(request);
    }

    private static AuthenticationManagerResolver<jakarta.servlet.http.HttpServletRequest> issuers(
            AccessTokens tokens, SsoProviders sso) {
        AuthenticationManager own = ownTokens(tokens);
        return new JwtIssuerAuthenticationManagerResolver(issuer -> {
            if (tokens.issuer().equals(issuer)) {
                return own;
            }
            return sso.forIssuer(issuer)
                    .map(configured -> ssoTokens(sso, configured))
                    .orElse(null);
        });
    }

    private static AuthenticationManager ownTokens(AccessTokens tokens) {
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(tokens.decoder());
        provider.setJwtAuthenticationConverter(jwt -> new ActorAuthentication(
                new Actor.User(
                        UUID.fromString(jwt.getSubject()),
                        String.valueOf(jwt.getClaims().getOrDefault("email", jwt.getSubject())),
                        jwt.getClaimAsStringList(AccessTokens.ROLES_CLAIM) != null
                                && jwt.getClaimAsStringList(AccessTokens.ROLES_CLAIM)
                                        .contains(AccessTokens.OPERATOR_ROLE)),
                jwt));
        return provider::authenticate;
    }

    private static AuthenticationManager ssoTokens(SsoProviders sso, SsoProviders.SsoConfigured configured) {
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(sso.decoder(configured.config()));
        provider.setJwtAuthenticationConverter(jwt -> {
            Role role = SsoProviders.roleFor(jwt, configured.config());
            if (role == null) {
                throw new OAuth2AuthenticationException(
                        new OAuth2Error("invalid_token", "no WaddlePerf role for this SSO user", null));
            }
            return new ActorAuthentication(new Actor.Sso(configured.orgId(), role, subject(jwt)), jwt);
        });
        return provider::authenticate;
    }

    private static String subject(Jwt jwt) {
        Object email = jwt.getClaims().get("email");
        return email != null ? email.toString() : jwt.getSubject();
    }
}

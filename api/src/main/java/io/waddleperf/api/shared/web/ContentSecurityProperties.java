package io.waddleperf.api.shared.web;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The web UI pages' Content-Security-Policy.
 *
 * @param connectSources further origins the UI's browser code may call (for example an identity
 *     provider whose token endpoint is on another origin than its issuer), added to the API's own,
 *     the nodes' advertised origins and the organisations' SSO issuers
 * @param registeredOrigins whether the nodes' and SSO issuers' origins from the database are named;
 *     off, only the API and {@code connectSources} are, so the header reveals no organisation's
 *     addresses but the operator must list every node and identity provider
 */
@Validated
@ConfigurationProperties("waddleperf.web.csp")
public record ContentSecurityProperties(
        @DefaultValue({}) @NotNull List<String> connectSources,
        @DefaultValue("true") boolean registeredOrigins) {}

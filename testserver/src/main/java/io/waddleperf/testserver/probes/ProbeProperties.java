package io.waddleperf.testserver.probes;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What a probe may reach. Link-local and cloud metadata addresses are never allowed: a node runs
 * inside someone's network and must not become a way to read its instance credentials.
 *
 * @param allowPrivate whether RFC 1918, CGNAT and IPv6 unique-local targets are allowed (an org
 *     that tests its own internal network turns this on)
 * @param allowLoopback whether 127.0.0.0/8 and ::1 are allowed (tests, and a node probing itself)
 */
@Validated
@ConfigurationProperties("waddleperf.probes")
public record ProbeProperties(
        @DefaultValue("false") boolean allowPrivate,
        @DefaultValue("false") boolean allowLoopback) {}

package io.waddleperf.protocol;

import org.jspecify.annotations.Nullable;

/**
 * What a probe type's target must look like: a {@code host[:port]} (with the port the probe uses
 * when none is given), an http(s) URL, or a DNS name.
 *
 * @param defaultPort the port taken when the target names none; null when a port is required
 * @param hint what to type, for forms
 */
public record TargetRule(Format format, @Nullable Integer defaultPort, String hint) {

    public enum Format {
        HOST_PORT("host-port"),
        URL("url"),
        DNS_NAME("dns-name");

        private final String wireName;

        Format(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public boolean portRequired() {
        return format == Format.HOST_PORT && defaultPort == null;
    }

    /** What is wrong with {@code target}, or null when the probe can use it. */
    public @Nullable String problem(@Nullable String target) {
        return Targets.problem(this, target);
    }
}

package io.waddleperf.testserver.echo;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * UDP echo listener settings.
 *
 * @param port UDP port; 0 picks a free one (tests)
 * @param bindAddress interface to listen on; a node answers on all of them by default
 * @param enabled whether the node runs the echo at all
 * @param token when set, only datagrams that start with these bytes are echoed, so an open echo
 *     port cannot be used to reflect traffic at third parties; unset answers everyone
 */
@Validated
@ConfigurationProperties("waddleperf.echo")
public record EchoProperties(
        @DefaultValue("2000") @Min(0) @Max(65535) int port,
        @DefaultValue("0.0.0.0") @NotBlank String bindAddress,
        @DefaultValue("true") boolean enabled,

        @Nullable @Size(min = 8, max = 32) @Pattern(regexp = "[\\x21-\\x7e]*", message = "must be printable ASCII")
        String token) {}

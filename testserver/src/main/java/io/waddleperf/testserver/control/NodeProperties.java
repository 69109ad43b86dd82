package io.waddleperf.testserver.control;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What this node tells the API about itself.
 *
 * @param name display name; application.yml defaults it to the host name
 * @param region where the node runs, for node selection by region
 * @param labels free-form selectors ({@code dc1}, {@code edge}, ...)
 * @param capacity probe runs this node executes at once; more are refused with 503
 * @param advertisedUrl base URL the API reaches this node's control API at; unset, the API lists
 *     the node but dispatches no runs to it (docs/runs.md)
 */
@Validated
@ConfigurationProperties("waddleperf.node")
record NodeProperties(
        @NotBlank String name,
        @DefaultValue("default") @NotBlank String region,
        @DefaultValue List<String> labels,
        @DefaultValue("8") @Min(1) @Max(1024) int capacity,
        @Nullable URI advertisedUrl) {}

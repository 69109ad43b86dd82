package io.waddleperf.api.nodes.internal;

import java.util.List;

/** What a node says about itself at enrolment and in every heartbeat. */
public record NodeReport(
        String name,
        String region,
        List<String> labels,
        String version,
        List<String> capabilities,
        int capacity,
        double load) {}

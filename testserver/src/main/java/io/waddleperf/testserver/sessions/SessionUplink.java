package io.waddleperf.testserver.sessions;

import java.io.IOException;

/**
 * How session reports reach the API: the node's own credential and HTTP client (the control
 * package provides it), so this package knows nothing of enrolment.
 */
public interface SessionUplink {

    /** Whether there is an API to report to at all; a standalone node keeps no sessions. */
    boolean enabled();

    /**
     * POSTs a JSON body to {@code path} of the API as this node.
     *
     * @return the HTTP status
     * @throws IOException when the node is not enrolled (yet) or the API cannot be reached
     */
    int post(String path, byte[] json, String idempotencyKey) throws IOException, InterruptedException;
}

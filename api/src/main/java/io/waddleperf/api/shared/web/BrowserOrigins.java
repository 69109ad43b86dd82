package io.waddleperf.api.shared.web;

import java.util.Collection;

/**
 * Origins the web UI's browser code must reach besides the API itself: feature modules name them
 * (the nodes' speed-test endpoints, the organisations' identity providers) and the web UI's
 * Content-Security-Policy lists them in {@code connect-src}.
 */
public interface BrowserOrigins {

    /** URLs or origins; anything that is not an absolute http(s) URL is ignored. */
    Collection<String> urls();
}

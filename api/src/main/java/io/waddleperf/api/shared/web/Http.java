package io.waddleperf.api.shared.web;

import io.waddleperf.api.shared.errors.NotFound;

/** Kept only while TestCatalog and Runs still call it; new code throws {@link NotFound} itself. */
public final class Http {

    private Http() {}

    public static NotFound notFound(String what) {
        return new NotFound(what);
    }
}

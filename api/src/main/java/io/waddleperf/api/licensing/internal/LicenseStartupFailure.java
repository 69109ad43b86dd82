package io.waddleperf.api.licensing.internal;

import org.jspecify.annotations.Nullable;

/** Release mode without a usable license: the API refuses to start. */
public final class LicenseStartupFailure extends RuntimeException {

    LicenseStartupFailure(String reason, @Nullable Throwable cause) {
        super("WaddlePerf cannot start in release mode: " + reason, cause);
    }
}

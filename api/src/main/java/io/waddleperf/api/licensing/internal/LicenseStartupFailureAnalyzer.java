package io.waddleperf.api.licensing.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a license failure at start into one clear line and what to do, instead of a stack trace. */
public class LicenseStartupFailureAnalyzer extends AbstractFailureAnalyzer<LicenseStartupFailure> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LicenseStartupFailure cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set LICENSE_KEY (or LICENSE_FILE and LICENSE_PUBLIC_KEY for an offline license) to a valid"
                        + " license, or run with RELEASE_MODE=false for development.",
                cause);
    }
}

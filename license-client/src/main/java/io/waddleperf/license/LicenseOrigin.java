package io.waddleperf.license;

/** Where a {@link License} came from; callers treat all of them alike. */
public enum LicenseOrigin {
    /** Validated online by the license server. */
    SERVER,
    /** Read from an offline license file whose Ed25519 signature was verified. */
    FILE,
    /** Development mode ({@code RELEASE_MODE=false}): no license check, every feature on. */
    DEVELOPMENT
}

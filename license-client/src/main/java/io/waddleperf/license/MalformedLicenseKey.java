package io.waddleperf.license;

/** A license key that fails the local format or checksum check; no server was asked. */
public final class MalformedLicenseKey extends IllegalArgumentException {

    public MalformedLicenseKey(String message) {
        super(message);
    }
}

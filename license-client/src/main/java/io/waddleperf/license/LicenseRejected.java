package io.waddleperf.license;

/**
 * The license server refused the key: revoked, unknown, not valid for this product, or any other
 * 4xx answer except 408 and 429. Nothing of a previous answer is kept, so the client fails closed.
 */
public final class LicenseRejected extends LicenseCheckFailed {

    private final int httpStatus;
    private final String serverMessage;

    /**
     * @param httpStatus the HTTP status; 200 when the server answered {@code "valid": false}
     * @param serverMessage what the server said, shortened and stripped of control characters
     */
    public LicenseRejected(int httpStatus, String serverMessage) {
        super("license server rejected the license (HTTP " + httpStatus + ")"
                + (serverMessage.isEmpty() ? "" : ": " + serverMessage));
        this.httpStatus = httpStatus;
        this.serverMessage = serverMessage;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String serverMessage() {
        return serverMessage;
    }
}

package io.waddleperf.testserver.iperf;

/**
 * A peer broke the iperf3 protocol or asked for something this server does not do.
 *
 * <p>Carries the iperf3 {@code i_errno} to put in a SERVER_ERROR message, so the stock client
 * prints its own text for it ("test duration too long", ...). Zero means there is nothing worth
 * telling the peer (garbage on the wire) and the connection is simply closed.
 */
public final class IperfProtocolException extends Exception {

    private final int errorCode;

    public IperfProtocolException(int errorCode, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
    }

    public IperfProtocolException(String message) {
        this(0, message);
    }

    /** The iperf3 {@code i_errno} for SERVER_ERROR, or 0 when the peer gets no explanation. */
    public int errorCode() {
        return errorCode;
    }
}

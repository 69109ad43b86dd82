package io.waddleperf.testserver.iperf.client;

/**
 * An iperf3 test run by {@link IperfClient} did not complete: the server refused it, broke the
 * protocol, went silent, or could not be reached.
 */
public final class IperfClientFailed extends Exception {

    /** What went wrong, so callers can tell a busy server from a broken one. */
    public enum Kind {
        /** No connection to the server, or it ended the connection before saying anything. */
        UNREACHABLE,
        /** The server answered ACCESS_DENIED: it runs another test (stock iperf3 runs one at a time). */
        BUSY,
        /** The server sent SERVER_ERROR or SERVER_TERMINATE. */
        SERVER_ERROR,
        /** The server sent something iperf3 never sends. */
        PROTOCOL,
        /** The server or a stream stopped making progress. */
        TIMEOUT
    }

    private final Kind kind;

    IperfClientFailed(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

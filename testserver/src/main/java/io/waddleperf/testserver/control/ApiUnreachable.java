package io.waddleperf.testserver.control;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * What an operator needs from a failed call to the API: where it went and why it failed. The JDK
 * HTTP client's exceptions often carry no message of their own (a refused connection is a
 * {@code ConnectException} whose message is null), so the cause is read from the exception's type
 * and those it wraps.
 */
final class ApiUnreachable {

    private ApiUnreachable() {}

    /** E.g. {@code API unreachable at http://127.0.0.1:1/api/v1/node/heartbeat: connection refused}. */
    static String describe(URI url, Throwable failure) {
        return "API unreachable at " + url + ": " + reason(failure);
    }

    static String reason(Throwable failure) {
        ConnectException connect = null;
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof HttpConnectTimeoutException) {
                return "timed out connecting";
            }
            if (e instanceof HttpTimeoutException) {
                return "no answer within the request timeout";
            }
            if (e instanceof UnknownHostException || e instanceof UnresolvedAddressException) {
                return "host name not found (DNS)";
            }
            if (e instanceof SSLException) {
                return "TLS failed (" + message(e) + ")";
            }
            if (e instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (e instanceof EOFException) {
                return "the connection closed before an answer";
            }
            if (e instanceof ConnectException found && connect == null) {
                connect = found;
            }
        }
        if (connect != null) {
            // The JDK client reports a refusal as a ConnectException without a message (or with
            // "Connection refused" further down); other connect failures say what they are.
            String said = messages(connect);
            return said.isEmpty() || said.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused" : said;
        }
        return message(failure);
    }

    private static String messages(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e.getMessage() != null && !e.getMessage().isBlank()) {
                return e.getMessage();
            }
        }
        return "";
    }

    private static String message(Throwable e) {
        String said = messages(e);
        return said.isEmpty() ? e.getClass().getSimpleName() : said;
    }
}

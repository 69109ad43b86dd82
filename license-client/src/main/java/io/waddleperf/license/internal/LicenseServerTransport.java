package io.waddleperf.license.internal;

import io.waddleperf.license.LicenseKey;
import io.waddleperf.license.LicenseRejected;
import io.waddleperf.license.LicenseServerUnavailable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP attempt against the license server, bounded by the call timeout, classified into an
 * answer body, a {@link LicenseRejected} (fail closed) or a {@link LicenseServerUnavailable}
 * (retry, then grace).
 */
public final class LicenseServerTransport {

    private final HttpClient http;
    private final String baseUrl;
    private final String authorization;
    private final Duration callTimeout;
    private final CallCounters counters;

    public LicenseServerTransport(
            HttpClient http, URI baseUrl, LicenseKey key, Duration callTimeout, CallCounters counters) {
        this.http = http;
        // Concatenate rather than URI.resolve, which would drop a path prefix such as /license.
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.authorization = "Bearer " + key.value();
        this.callTimeout = callTimeout;
        this.counters = counters;
    }

    /** @return the body of a 2xx answer */
    public String post(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(callTimeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        counters.requestsSent.increment();
        HttpResponse<String> response = send(request, path);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        String message = ServerAnswers.errorMessage(response.body());
        String detail = message.isEmpty() ? "" : ": " + message;
        if (status == 408 || status == 429 || status >= 500) {
            throw new LicenseServerUnavailable("license server answered HTTP " + status + " to " + path + detail);
        }
        if (status >= 400) {
            throw new LicenseRejected(status, message);
        }
        throw new LicenseServerUnavailable("license server answered unexpected HTTP " + status + " to " + path);
    }

    private HttpResponse<String> send(HttpRequest request, String path) {
        // HttpRequest.timeout only covers the wait for the headers; the future's deadline also
        // bounds a server that trickles its body.
        CompletableFuture<HttpResponse<String>> pending =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return pending.get(callTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(path, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(path, cause);
            }
            if (cause instanceof IOException) {
                throw new LicenseServerUnavailable(
                        "cannot reach the license server at " + baseUrl + ": " + describe(cause), cause);
            }
            throw new LicenseServerUnavailable("license request to " + path + " failed: " + describe(cause), cause);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new LicenseServerUnavailable("interrupted while calling the license server", e);
        }
    }

    private LicenseServerUnavailable timedOut(String path, Throwable cause) {
        return new LicenseServerUnavailable("license server did not answer " + path + " within " + callTimeout, cause);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }
}

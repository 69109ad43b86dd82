package io.waddleperf.testserver.probes;

import io.waddleperf.protocol.Latency;
import io.waddleperf.protocol.ProbeParams;
import io.waddleperf.protocol.ProbeProgress;
import io.waddleperf.protocol.ProbeResult;
import io.waddleperf.protocol.ProbeType;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One HTTP/1.1 request over a socket we drive ourselves, so each phase can be timed on its own:
 * name resolution, TCP connect, TLS handshake, time to first response byte, and the whole
 * exchange. The JDK's HttpClient hides these phases, hence the hand-written request.
 *
 * <p>Redirects are reported, not followed: following one would connect to an address the SSRF
 * guard has not seen.
 */
final class HttpProbe implements Probe {

    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final URI url;
    private final ProbeParams.Http params;
    private final SsrfGuard guard;
    private final String userAgent;
    private volatile String phase = "pending";

    HttpProbe(URI url, ProbeParams.Http params, SsrfGuard guard, String userAgent) {
        this.url = url;
        this.params = params;
        this.guard = guard;
        this.userAgent = userAgent;
    }

    /** Accepts only absolute http(s) URLs with a host and without credentials. */
    static boolean acceptable(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https"))
                && uri.getHost() != null
                && uri.getRawUserInfo() == null
                && uri.getRawFragment() == null
                && uri.getPort() <= 65535;
    }

    @Override
    public ProbeType type() {
        return ProbeType.HTTP;
    }

    @Override
    public ProbeProgress progress() {
        return new ProbeProgress.Phase(phase);
    }

    @Override
    public ProbeResult.Http run() throws InterruptedException {
        boolean tls = url.getScheme().equalsIgnoreCase("https");
        String host = bareHost(url.getHost());
        int port = url.getPort() > 0 ? url.getPort() : (tls ? 443 : 80);
        long start = System.nanoTime();
        phase = "dns";
        InetAddress address = guard.resolve(host).getFirst();
        long resolved = System.nanoTime();

        phase = "connect";
        Socket socket = new Socket();
        try (Socket closing = socket) {
            socket.connect(new InetSocketAddress(address, port), params.timeoutMillis());
            long connected = System.nanoTime();
            socket.setSoTimeout(params.timeoutMillis());

            Socket stream = socket;
            Double tlsMillis = null;
            String tlsVersion = null;
            String cipher = null;
            Long daysLeft = null;
            String subject = null;
            if (tls) {
                phase = "tls";
                SSLSocket ssl = tlsSocket(socket, host, port);
                ssl.startHandshake();
                tlsMillis = Latency.millis(System.nanoTime() - connected);
                tlsVersion = ssl.getSession().getProtocol();
                cipher = ssl.getSession().getCipherSuite();
                Certificate[] chain = ssl.getSession().getPeerCertificates();
                if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                    daysLeft = Duration.between(
                                    Instant.now(), leaf.getNotAfter().toInstant())
                            .toDays();
                    subject = leaf.getSubjectX500Principal().getName();
                }
                stream = ssl;
            }
            long requestStart = System.nanoTime();
            phase = "request";
            OutputStream out = stream.getOutputStream();
            out.write(request(host, port, tls).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            InputStream in = new BufferedInputStream(stream.getInputStream(), 16 * 1024);
            int first = in.read();
            if (first < 0) {
                throw new ProbeFailed("protocol-error", url + " closed the connection without a response");
            }
            long firstByte = System.nanoTime();
            phase = "response";
            Head head = readHead(first, in);
            long[] body = readBody(head, in);
            long end = System.nanoTime();
            return new ProbeResult.Http(
                    url.toString(),
                    address.getHostAddress(),
                    port,
                    head.status,
                    head.version,
                    Latency.millis(resolved - start),
                    Latency.millis(connected - resolved),
                    tlsMillis,
                    Latency.millis(firstByte - requestStart),
                    Latency.millis(end - start),
                    body[0],
                    body[1] == 1,
                    head.location,
                    tlsVersion,
                    cipher,
                    daysLeft,
                    subject);
        } catch (SocketTimeoutException e) {
            throw new ProbeFailed("timeout", url + " timed out during " + phase, e);
        } catch (SSLException e) {
            throw new ProbeFailed("tls-failed", "TLS with " + url + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            throw new ProbeFailed("connect-failed", url + " failed during " + phase + ": " + e.getMessage(), e);
        }
    }

    private String request(String host, int port, boolean tls) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        boolean defaultPort = port == (tls ? 443 : 80);
        String hostHeader = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + (defaultPort ? "" : ":" + port);
        return params.method() + " " + path + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "User-Agent: " + userAgent + "\r\n"
                + "Accept: */*\r\n"
                // Identity: the body size we report is what crossed the wire.
                + "Accept-Encoding: identity\r\n"
                + "Connection: close\r\n\r\n";
    }

    private SSLSocket tlsSocket(Socket plain, String host, int port) throws IOException {
        try {
            SSLContext context;
            if (params.insecure()) {
                context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new TrustEverything()}, null);
            } else {
                context = SSLContext.getDefault();
            }
            SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters parameters = ssl.getSSLParameters();
            if (!params.insecure()) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (host.indexOf(':') < 0 && !host.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            }
            // We speak HTTP/1.1 only; offering h2 would make a server pick a protocol we cannot read.
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            ssl.setSSLParameters(parameters);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new SSLException("cannot set up TLS", e);
        }
    }

    private static String bareHost(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private record Head(int status, String version, long contentLength, String location) {}

    private Head readHead(int first, InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(512);
        raw.write(first);
        int matched = 0;
        byte[] terminator = {'\r', '\n', '\r', '\n'};
        if (first == '\r') {
            matched = 1;
        }
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new ProbeFailed("protocol-error", url + " ended the response inside its headers");
            }
            raw.write(b);
            if (raw.size() > MAX_HEADER_BYTES) {
                throw new ProbeFailed("protocol-error", url + " sent more than 64 KiB of headers");
            }
            matched = b == terminator[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = raw.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/") || !status[1].matches("\\d{3}")) {
            throw new ProbeFailed("protocol-error", url + " did not answer with an HTTP status line");
        }
        long length = -1;
        String location = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("content-length") && value.matches("\\d{1,18}")) {
                length = Long.parseLong(value);
            } else if (name.equals("location")) {
                location = value;
            }
        }
        return new Head(Integer.parseInt(status[1]), status[0], length, location);
    }

    /** Returns {bytes read, 1 if we stopped at maxBodyBytes}. */
    private long[] readBody(Head head, InputStream in) throws IOException {
        boolean noBody = params.method().equals("HEAD")
                || head.status / 100 == 1
                || head.status == 204
                || head.status == 304
                || head.contentLength == 0;
        if (noBody) {
            return new long[] {0, 0};
        }
        // Without Content-Length (chunked or close-delimited) we asked for Connection: close, so
        // the body ends when the server closes; chunk framing then counts as body bytes.
        long wanted = head.contentLength >= 0 ? head.contentLength : Long.MAX_VALUE;
        long limit = params.maxBodyBytes();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        while (total < wanted) {
            if (total >= limit) {
                return new long[] {total, 1};
            }
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, Math.min(wanted, limit) - total));
            if (n < 0) {
                break;
            }
            total += n;
        }
        return new long[] {total, 0};
    }

    /** Only with {@code insecure: true}: measure a server whose certificate we cannot verify. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

package io.waddleperf.api.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs right after the request id: resolves the client address once per request and refuses
 * bodies over the configured size with a 413 problem, before anything buffers them. A declared
 * length is checked up front; a chunked body is counted as it is read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class EdgeFilter extends OncePerRequestFilter {

    static final String ARTEFACT_HAND_OVER = "/api/v1/node/runs/";

    private final List<Cidr> trustedProxies;
    private final long maxBodyBytes;
    private final JsonMapper json;

    EdgeFilter(WebProperties properties, JsonMapper json) {
        this.trustedProxies =
                properties.trustedProxies().stream().map(Cidr::parse).toList();
        this.maxBodyBytes = properties.maxBodySize().toBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(ClientAddress.ATTRIBUTE, ClientAddress.resolve(request, trustedProxies));
        if (request.getRequestURI().startsWith(ARTEFACT_HAND_OVER)) {
            // A node's run artefact (a packet capture) is larger than any JSON body; the archive
            // streams it against its own limit (waddleperf.archive.max-artefact-size) and answers
            // 413 itself.
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            tooLarge(request, response);
            return;
        }
        try {
            chain.doFilter(new LimitedRequest(request, maxBodyBytes), response);
        } catch (BodyTooLarge e) {
            if (!response.isCommitted()) {
                response.reset();
                tooLarge(request, response);
            }
        } catch (ServletException e) {
            if (e.getRootCause() instanceof BodyTooLarge && !response.isCommitted()) {
                response.reset();
                tooLarge(request, response);
            } else {
                throw e;
            }
        }
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var problem = Problems.of(
                HttpStatus.CONTENT_TOO_LARGE,
                "body-too-large",
                "Request body too large",
                "The request body exceeds " + maxBodyBytes + " bytes");
        ProblemResponses.write(request, response, problem, json);
    }

    static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("request body too large");
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            count += n;
            if (count > limit) {
                throw new BodyTooLarge();
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}

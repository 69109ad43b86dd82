package io.waddleperf.api.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every problem document carries (the request's path and id), and how code that runs before
 * Spring MVC (servlet filters, security entry points) writes one to the response itself.
 */
public final class ProblemResponses {

    private ProblemResponses() {}

    /** Adds the request path as {@code instance} (unless set) and the request id. */
    public static void decorate(ProblemDetail problem, String requestUri) {
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(requestUri));
        }
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
    }

    /** Decorates the problem and writes it as the whole response. */
    public static void write(
            HttpServletRequest request, HttpServletResponse response, ProblemDetail problem, JsonMapper json)
            throws IOException {
        decorate(problem, request.getRequestURI());
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            // A filter may have reset the response, and with it the header RequestIdFilter set.
            response.setHeader(RequestIdFilter.HEADER, requestId);
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}

package io.waddleperf.testserver.control;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.ObjectMapper;

/**
 * Security filters answer before any controller advice runs, so their 401 and 403 are written
 * here, in the same problem shape as every other error.
 */
final class ProblemWriter implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper json;

    ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        boolean badToken = ex instanceof InvalidBearerTokenException;
        // RFC 6750 §3: tell the client which scheme, and whether its token was the problem.
        response.setHeader("WWW-Authenticate", badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(
                request,
                response,
                badToken
                        ? NodeProblems.of(
                                HttpStatus.UNAUTHORIZED,
                                "invalid-token",
                                "Invalid run token",
                                "The run token is invalid or expired: " + ex.getMessage())
                        : NodeProblems.of(
                                HttpStatus.UNAUTHORIZED,
                                "unauthenticated",
                                "Authentication required",
                                "Send the run token the API issued as a bearer token"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        write(
                request,
                response,
                NodeProblems.of(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", "This token does not allow that"));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", URI.create(request.getRequestURI()).toString());
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }
}

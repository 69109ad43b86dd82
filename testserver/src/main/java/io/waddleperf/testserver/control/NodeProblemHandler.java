package io.waddleperf.testserver.control;

import io.waddleperf.testserver.control.NodeProblems.FieldError;
import io.waddleperf.testserver.probes.TargetRefused;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The node's one place that turns exceptions into RFC 9457 problem documents: Spring MVC's own
 * (missing or mistyped parameters, bad media types), {@link org.springframework.web.ErrorResponseException}s
 * thrown by the controllers, invalid run specs with every offending field, and anything
 * unexpected without internals.
 */
@RestControllerAdvice
class NodeProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(NodeProblemHandler.class);

    @ExceptionHandler(InvalidRunSpec.class)
    ResponseEntity<ProblemDetail> invalidRunSpec(InvalidRunSpec ex, WebRequest request) {
        return respond(ex.problem(), request);
    }

    @ExceptionHandler(TargetRefused.class)
    ResponseEntity<ProblemDetail> targetRefused(TargetRefused ex, WebRequest request) {
        return respond(
                NodeProblems.of(HttpStatus.UNPROCESSABLE_CONTENT, ex.kind(), "Target refused", ex.getMessage()),
                request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(
                                String.valueOf(result.getMethodParameter().getParameterName()), message(error))))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return createResponseEntity(NodeProblems.invalid(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch
                ? mismatch.getName()
                : String.valueOf(ex.getPropertyName());
        String expected = ex.getRequiredType() == null
                ? "a valid value"
                : "a valid " + ex.getRequiredType().getSimpleName().toLowerCase(Locale.ROOT);
        ProblemDetail problem =
                NodeProblems.invalid(List.of(new FieldError(name, "'" + ex.getValue() + "' is not " + expected)));
        return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            withInstance(problem, request);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex, WebRequest request) {
        log.error("Unhandled error on {}", request.getDescription(false), ex);
        return respond(
                NodeProblems.of(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal",
                        "Internal error",
                        "Something went wrong on this node"),
                request);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, WebRequest request) {
        withInstance(problem, request);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static void withInstance(ProblemDetail problem, WebRequest request) {
        if (problem.getInstance() == null && request instanceof ServletWebRequest servlet) {
            problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
        }
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }
}

package io.waddleperf.api.shared.web;

import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.InvalidInput;
import io.waddleperf.api.shared.errors.Refused;
import io.waddleperf.api.shared.errors.TooManyAttempts;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
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
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;

/**
 * The one place that turns exceptions into RFC 9457 problem documents: feature code's
 * {@link Refused} and its subclasses, Spring MVC's own, and anything unexpected. Validation
 * problems list every offending field; nothing ever carries a stack trace; every problem carries
 * the request id so a user's report can be matched to the log.
 */
@RestControllerAdvice
class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Stream<FieldError> fields = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), message(error)));
        Stream<FieldError> globals = ex.getBindingResult().getGlobalErrors().stream()
                .map(error -> new FieldError(error.getObjectName(), message(error)));
        return problem(render(invalid(Stream.concat(fields, globals).toList())), headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(parameterName(result), message(error))))
                .toList();
        return problem(render(invalid(errors)), headers, request);
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
        FieldError error = new FieldError(name, "'" + ex.getValue() + "' is not " + expected);
        return problem(render(invalid(List.of(error))), headers, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem;
        if (causedByOversizedBody(ex)) {
            problem = Problems.of(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "body-too-large",
                    "Request body too large",
                    "The request body exceeds the configured limit");
        } else if (ex.getCause() instanceof StreamReadException syntax) {
            problem = Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "malformed-json",
                    "Malformed JSON",
                    "The request body is not valid JSON" + at(syntax.getLocation()));
        } else if (ex.getCause() instanceof JacksonException mapping
                && !mapping.getPath().isEmpty()) {
            String field = jsonPath(mapping.getPath());
            // Jackson reports a missing primitive (an absent "capacity": int) as a null it cannot map.
            String message = String.valueOf(mapping.getOriginalMessage()).contains("`null`")
                    ? "is required"
                    : "has a value of the wrong type or format";
            problem = render(invalid(List.of(new FieldError(field, message))));
        } else {
            problem = Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "unreadable-body",
                    "Unreadable request body",
                    "The request body is missing or cannot be read");
        }
        return problem(problem, headers, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            decorate(problem, request);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /** What feature code refuses on purpose. */
    @ExceptionHandler(Refused.class)
    @Nullable
    ResponseEntity<Object> handleRefused(Refused refused, WebRequest request) {
        ProblemDetail problem = render(refused);
        HttpHeaders headers = new HttpHeaders();
        if (refused instanceof TooManyAttempts tooMany) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(tooMany.retryAfterSeconds()));
        }
        return handleExceptionInternal(refused, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    static ProblemDetail render(Refused refused) {
        ProblemDetail problem = Problems.of(status(refused.kind()), refused.slug(), refused.title(), refused.detail());
        refused.properties().forEach(problem::setProperty);
        return problem;
    }

    static HttpStatus status(Refused.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_AUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case NOT_LICENSED -> HttpStatus.PAYMENT_REQUIRED;
            case NOT_ALLOWED -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case TOO_MANY_ATTEMPTS -> HttpStatus.TOO_MANY_REQUESTS;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** Anything unexpected: log it with the request id, tell the client no internals. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception ex, WebRequest request) {
        log.error("Unhandled error on {}", describe(request), ex);
        ProblemDetail problem = Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
                "Something went wrong on our side; quote the request id when reporting it");
        decorate(problem, request);
        return ResponseEntity.internalServerError().body(problem);
    }

    private ResponseEntity<Object> problem(ProblemDetail problem, HttpHeaders headers, WebRequest request) {
        decorate(problem, request);
        return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
    }

    static void decorate(ProblemDetail problem, WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            ProblemResponses.decorate(problem, servlet.getRequest().getRequestURI());
        }
    }

    private static InvalidInput invalid(List<FieldError> errors) {
        return InvalidInput.of(
                errors.stream().sorted(Comparator.comparing(FieldError::field)).toList());
    }

    private static boolean causedByOversizedBody(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof EdgeFilter.BodyTooLarge) {
                return true;
            }
        }
        return false;
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static String parameterName(ParameterValidationResult result) {
        String name = result.getMethodParameter().getParameterName();
        return name == null ? "parameter" : name;
    }

    private static String jsonPath(List<JacksonException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String at(@Nullable TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String describe(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI()
                : request.getDescription(false);
    }
}

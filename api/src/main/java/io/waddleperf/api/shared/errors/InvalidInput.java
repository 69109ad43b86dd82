package io.waddleperf.api.shared.errors;

import java.util.List;
import java.util.Map;

/** Input that fails validation; lists every offending field, not just the first. */
public final class InvalidInput extends Refused {

    /** Name of the extension property that lists the fields. */
    public static final String ERRORS = "errors";

    private final List<FieldError> errors;

    public InvalidInput(String detail, List<FieldError> errors) {
        super(Kind.INVALID, "validation", "Invalid request", detail, Map.of(ERRORS, List.copyOf(errors)));
        this.errors = List.copyOf(errors);
    }

    /** Detail {@code "Invalid value for: "} and the fields' names, in the order given. */
    public static InvalidInput of(List<FieldError> errors) {
        List<String> names = errors.stream().map(FieldError::field).distinct().toList();
        return new InvalidInput("Invalid value for: " + String.join(", ", names), errors);
    }

    public static InvalidInput of(String field, String message) {
        return of(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}

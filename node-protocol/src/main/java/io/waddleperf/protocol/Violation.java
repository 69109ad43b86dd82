package io.waddleperf.protocol;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One thing wrong with a run spec or a test definition. {@code field} is the JSON path the caller
 * sent ({@code target}, {@code params.count}); {@code message} says what to change, in words a
 * user can act on, and is the same wherever the rule is checked (API, node, web UI).
 */
public record Violation(String field, String message) {

    /**
     * A problem document's detail for {@code violations}: each field with its rule, so that even a
     * client that shows only the detail tells the user what to change.
     */
    public static String describe(List<Violation> violations) {
        return violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; "));
    }
}

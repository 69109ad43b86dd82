package io.waddleperf.api.shared.errors;

/** One invalid input: {@code field} is a JSON path, parameter or header name. */
public record FieldError(String field, String message) {}

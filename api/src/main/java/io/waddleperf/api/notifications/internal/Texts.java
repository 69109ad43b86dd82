package io.waddleperf.api.notifications.internal;

/** Fitting text into columns and the limits receivers document. */
final class Texts {

    private Texts() {}

    /** At most {@code max} characters, ending in an ellipsis when cut. */
    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }
}

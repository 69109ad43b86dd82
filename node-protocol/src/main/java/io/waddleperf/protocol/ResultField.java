package io.waddleperf.protocol;

/**
 * A figure in a probe's result or progress object, for people: {@code key} is its dotted path in
 * the JSON ({@code rtt.p95}), {@code label} its name ("RTT p95") and {@code unit} what it is
 * measured in ("ms", "Mbit/s", "%"), or "" for counts and words.
 */
public record ResultField(String key, String label, String unit) {}

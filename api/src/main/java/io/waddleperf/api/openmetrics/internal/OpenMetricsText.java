package io.waddleperf.api.openmetrics.internal;

import io.waddleperf.api.alerts.Alert;
import io.waddleperf.api.monitors.BoardRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Writes the live board's rows and the unresolved alerts as metric families, in the OpenMetrics 1.0 text format or, for a
 * scraper that does not ask for it, the Prometheus 0.0.4 text format (the same lines without the
 * {@code # UNIT} and {@code # EOF} ones). Every sample of a family is written together, as both
 * formats require, and each row's labels identify it: monitor, vantage node, probe and tier.
 *
 * <p>Values of different units share {@code waddleperf_monitor_value}: a family's name may carry
 * one unit only, so the unit is a label rather than a name per unit.
 */
public final class OpenMetricsText {

    public static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final MediaType OPENMETRICS_TYPE = new MediaType("application", "openmetrics-text");
    public static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    /** The families written, in order; docs/grafana's dashboard may use only these. */
    public static final List<String> FAMILIES = List.of(
            "waddleperf_monitor_value",
            "waddleperf_monitor_window_value",
            "waddleperf_monitor_window_rounds",
            "waddleperf_monitor_window_failed",
            "waddleperf_monitor_result_ok",
            "waddleperf_monitor_breached",
            "waddleperf_monitor_last_result_timestamp_seconds",
            "waddleperf_alert_unresolved");

    private OpenMetricsText() {}

    public static String render(List<BoardRow> rows, List<Alert> alerts, boolean openMetrics) {
        StringBuilder out = new StringBuilder(256 + rows.size() * 900);
        family(
                out,
                openMetrics,
                "waddleperf_monitor_value",
                null,
                "The latest result's value of the row's metric, in"
                        + " the unit the unit label names; absent when the latest result measured none.");
        for (BoardRow row : rows) {
            sample(out, "waddleperf_monitor_value", labels(row), row.latest().value());
        }
        family(
                out,
                openMetrics,
                "waddleperf_monitor_window_value",
                null,
                "The metric's min, max, avg and p90 over" + " the last rounds (see waddleperf_monitor_window_rounds).");
        for (BoardRow row : rows) {
            Map<String, String> labels = labels(row);
            stat(out, labels, "min", row.stats().min());
            stat(out, labels, "max", row.stats().max());
            stat(out, labels, "avg", row.stats().avg());
            stat(out, labels, "p90", row.stats().p90());
        }
        perRow(
                out,
                openMetrics,
                rows,
                "waddleperf_monitor_window_rounds",
                null,
                "Rounds the window figures cover.",
                row -> (double) row.stats().rounds());
        perRow(
                out,
                openMetrics,
                rows,
                "waddleperf_monitor_window_failed",
                null,
                "Rounds in the window whose run did not succeed.",
                row -> (double) row.stats().failed());
        perRow(
                out,
                openMetrics,
                rows,
                "waddleperf_monitor_result_ok",
                null,
                "1 when the latest run succeeded, else 0.",
                row -> "succeeded".equals(row.latest().status()) ? 1.0 : 0.0);
        perRow(
                out,
                openMetrics,
                rows,
                "waddleperf_monitor_breached",
                null,
                "1 when the latest result breached its tier's thresholds, else 0.",
                row -> "breach".equals(row.latest().verdict()) ? 1.0 : 0.0);
        perRow(
                out,
                openMetrics,
                rows,
                "waddleperf_monitor_last_result_timestamp_seconds",
                "seconds",
                "When the latest result was measured (Unix time).",
                row -> row.latest().at().toEpochMilli() / 1000.0);
        family(
                out,
                openMetrics,
                "waddleperf_alert_unresolved",
                null,
                "1 for each open or acknowledged alert (one"
                        + " rule breached on one monitor); resolved alerts are absent.");
        for (Alert alert : alerts) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("alert_id", alert.id().toString());
            labels.put("rule_id", alert.ruleId().toString());
            labels.put("rule", alert.ruleName());
            labels.put("monitor_id", alert.monitorId().toString());
            labels.put("monitor", alert.monitorName());
            labels.put("severity", alert.severity().name().toLowerCase(Locale.ROOT));
            labels.put("state", alert.state().name().toLowerCase(Locale.ROOT));
            // Raised in a maintenance window: recorded, not told.
            labels.put("suppressed", Boolean.toString(alert.suppressed()));
            sample(out, "waddleperf_alert_unresolved", labels, 1.0);
        }
        if (openMetrics) {
            out.append("# EOF\n");
        }
        return out.toString();
    }

    private static void perRow(
            StringBuilder out,
            boolean openMetrics,
            List<BoardRow> rows,
            String name,
            @Nullable String unit,
            String help,
            Function<BoardRow, Double> value) {
        family(out, openMetrics, name, unit, help);
        for (BoardRow row : rows) {
            sample(out, name, labels(row), value.apply(row));
        }
    }

    private static void stat(StringBuilder out, Map<String, String> labels, String stat, @Nullable Double value) {
        Map<String, String> withStat = new LinkedHashMap<>(labels);
        withStat.put("stat", stat);
        sample(out, "waddleperf_monitor_window_value", withStat, value);
    }

    private static void family(
            StringBuilder out, boolean openMetrics, String name, @Nullable String unit, String help) {
        out.append("# TYPE ").append(name).append(" gauge\n");
        if (openMetrics && unit != null) {
            out.append("# UNIT ").append(name).append(' ').append(unit).append('\n');
        }
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    }

    private static void sample(StringBuilder out, String name, Map<String, String> labels, @Nullable Double value) {
        if (value == null || value.isNaN()) {
            return;
        }
        out.append(name).append('{');
        boolean first = true;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(label.getKey()).append("=\"");
            escape(out, label.getValue());
            out.append('"');
        }
        out.append("} ").append(number(value)).append('\n');
    }

    private static Map<String, String> labels(BoardRow row) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("monitor_id", row.monitorId().toString());
        labels.put("monitor", row.monitorName());
        labels.put("target", row.target());
        labels.put("node_id", row.nodeId().toString());
        labels.put("node", row.nodeName());
        labels.put("region", row.region() == null ? "" : row.region());
        labels.put("probe", row.probe());
        labels.put("tier", Integer.toString(row.tier()));
        labels.put("metric", row.metric() == null ? "" : row.metric());
        labels.put("unit", row.unit() == null ? "" : row.unit());
        return labels;
    }

    /** Label values are user text (monitor names): backslash, quote and newline are escaped. */
    private static void escape(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }

    /** Whether the scraper's Accept header asks for OpenMetrics (Prometheus does, by default). */
    public static boolean wantsOpenMetrics(@Nullable String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> OPENMETRICS_TYPE.equalsTypeAndSubtype(type) && type.getQualityValue() > 0);
        } catch (InvalidMediaTypeException e) {
            // A scraper that cannot say what it wants gets the plainer format.
            return false;
        }
    }
}

package io.waddleperf.api.sessions.internal;

import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.protocol.RunSpec;
import io.waddleperf.protocol.SessionBatch;
import io.waddleperf.protocol.SessionProgress;
import io.waddleperf.protocol.SessionReport;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks what a node reports, field by field, before anything is stored or looked up. */
final class SessionReports {

    static final int MAX_INTERVALS = 3600;
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** Only literals reach InetAddress, so checking an address never turns into a DNS lookup. */
    private static final Pattern IP_LITERAL =
            Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3})|([0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)");

    private SessionReports() {}

    static List<FieldError> check(SessionBatch batch) {
        List<FieldError> errors = new ArrayList<>();
        if (batch.sessions().size() > SessionBatch.MAX_SIZE) {
            errors.add(new FieldError("sessions", "must hold at most " + SessionBatch.MAX_SIZE + " sessions"));
        }
        if (batch.progress().size() > SessionBatch.MAX_SIZE) {
            errors.add(new FieldError("progress", "must hold at most " + SessionBatch.MAX_SIZE + " updates"));
        }
        if (batch.dropped() < 0) {
            errors.add(new FieldError("dropped", "must not be negative"));
        }
        for (int i = 0; i < batch.sessions().size() && errors.size() < 50; i++) {
            check(batch.sessions().get(i), "sessions[" + i + "].", errors);
        }
        for (int i = 0; i < batch.progress().size() && errors.size() < 50; i++) {
            check(batch.progress().get(i), "progress[" + i + "].", errors);
        }
        return errors;
    }

    private static void check(@Nullable SessionReport report, String at, List<FieldError> errors) {
        if (report == null) {
            errors.add(new FieldError(at.substring(0, at.length() - 1), "must not be null"));
            return;
        }
        common(report.sessionId(), report.clientAddress(), report.clientPort(), report.streams(), at, errors);
        if (report.startedAt() == null) {
            errors.add(new FieldError(at + "startedAt", "must be an instant"));
        }
        if (report.endedAt() == null) {
            errors.add(new FieldError(at + "endedAt", "must be an instant"));
        }
        if (report.outcome() == null) {
            errors.add(new FieldError(at + "outcome", "must be ok, refused or error"));
        }
        if (report.receivedBytes() < 0 || report.sentBytes() < 0) {
            errors.add(new FieldError(at + "receivedBytes", "byte counts must not be negative"));
        }
        if (!(report.durationSeconds() >= 0 && report.durationSeconds() <= 7 * 86_400)) {
            errors.add(new FieldError(at + "durationSeconds", "must be 0 to 604800"));
        }
        if (report.intervals().size() > MAX_INTERVALS) {
            errors.add(new FieldError(at + "intervals", "must hold at most " + MAX_INTERVALS + " intervals"));
        }
        // A node passes on only run ids of this form; whether the run exists is checked at ingest.
        if (report.runId() != null && !report.runId().matches(RunSpec.RUN_ID_REGEX)) {
            errors.add(new FieldError(at + "runId", "must be 1-64 letters, digits, '.', '_', ':' or '-'"));
        }
    }

    private static void check(@Nullable SessionProgress progress, String at, List<FieldError> errors) {
        if (progress == null) {
            errors.add(new FieldError(at.substring(0, at.length() - 1), "must not be null"));
            return;
        }
        common(progress.sessionId(), progress.clientAddress(), progress.clientPort(), progress.streams(), at, errors);
        if (progress.startedAt() == null) {
            errors.add(new FieldError(at + "startedAt", "must be an instant"));
        }
        if (progress.direction() == null) {
            errors.add(new FieldError(at + "direction", "must be upload, download or bidir"));
        }
        if (progress.protocol() == null) {
            errors.add(new FieldError(at + "protocol", "must be tcp or udp"));
        }
        if (progress.interval() == null) {
            errors.add(new FieldError(at + "interval", "must not be null"));
        }
        if (progress.plannedSeconds() < 0 || progress.plannedSeconds() > 7 * 86_400) {
            errors.add(new FieldError(at + "plannedSeconds", "must be 0 to 604800"));
        }
    }

    private static void common(
            @Nullable String sessionId,
            @Nullable String address,
            int port,
            int streams,
            String at,
            List<FieldError> errors) {
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            errors.add(new FieldError(at + "sessionId", "must be 1 to 64 letters, digits or . _ : -"));
        }
        if (!ipLiteral(address)) {
            errors.add(new FieldError(at + "clientAddress", "must be an IPv4 or IPv6 address"));
        }
        if (port < 0 || port > 65_535) {
            errors.add(new FieldError(at + "clientPort", "must be 0 to 65535"));
        }
        if (streams < 0 || streams > 1024) {
            errors.add(new FieldError(at + "streams", "must be 0 to 1024"));
        }
    }

    static boolean ipLiteral(@Nullable String address) {
        if (address == null
                || address.length() > 45
                || !IP_LITERAL.matcher(address).matches()) {
            return false;
        }
        if (address.indexOf(':') < 0) {
            for (String octet : address.split("\\.")) {
                // 999.1.1.1 is no literal to InetAddress, which would then resolve it as a name.
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
        }
        try {
            SessionStore.ipBytes(address);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

package io.waddleperf.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The bodies of the node's session calls: finished sessions ({@code sessions}, with {@code
 * dropped}) or live progress ({@code progress}).
 *
 * @param dropped sessions the node's bounded queue has dropped (oldest first) since it started,
 *     because the API could not take them in time; a running total, so a lost batch loses no count
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionBatch(
        @Nullable List<SessionReport> sessions, @Nullable List<SessionProgress> progress, long dropped) {

    /** Most sessions or progress updates one call carries. */
    public static final int MAX_SIZE = 500;

    public SessionBatch {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
        progress = progress == null ? List.of() : List.copyOf(progress);
    }

    public static SessionBatch finished(List<SessionReport> sessions, long dropped) {
        return new SessionBatch(sessions, List.of(), dropped);
    }

    public static SessionBatch live(List<SessionProgress> progress) {
        return new SessionBatch(List.of(), progress, 0);
    }
}

package io.waddleperf.api.runs;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of runs, most recent first; {@code nextCursor} is null on the last page. */
public record RunPage(List<RunView> items, @Nullable String nextCursor) {}

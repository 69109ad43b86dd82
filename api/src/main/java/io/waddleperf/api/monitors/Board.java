package io.waddleperf.api.monitors;

import java.util.List;

/**
 * The live board's rows; {@code cursor} is where the event stream resumes from (send it as
 * Last-Event-ID to receive only what changed after this snapshot).
 *
 * @param window the rounds the rows' figures cover
 */
public record Board(int window, String cursor, List<BoardRow> rows) {}

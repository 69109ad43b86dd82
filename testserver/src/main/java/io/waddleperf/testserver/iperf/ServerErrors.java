package io.waddleperf.testserver.iperf;

import java.util.Map;

/** iperf3's texts for the {@code i_errno} values a server sends with SERVER_ERROR (src/iperf_error.c). */
public final class ServerErrors {

    private static final Map<Integer, String> TEXTS = Map.ofEntries(
            Map.entry(Wire.IEDURATION, "test duration too long"),
            Map.entry(Wire.IENUMSTREAMS, "number of parallel streams too large"),
            Map.entry(Wire.IEBLOCKSIZE, "block size too large"),
            Map.entry(Wire.IEBUFSIZE, "socket buffer size too large"),
            Map.entry(Wire.IEOMIT, "bogus value for --omit"),
            Map.entry(Wire.IEBURST, "invalid burst count"),
            Map.entry(Wire.IENOSCTP, "no SCTP support available"),
            Map.entry(Wire.IEUDPBLOCKSIZE, "block size invalid"),
            Map.entry(Wire.IEBADTOS, "bad TOS value"),
            Map.entry(Wire.IEREVERSEBIDIR, "cannot be both reverse and bidirectional"),
            Map.entry(Wire.IECTRLCLOSE, "control socket has closed unexpectedly"),
            Map.entry(Wire.IEMESSAGE, "received an unknown control message"),
            Map.entry(Wire.IERECVPARAMS, "unable to receive parameters from client"),
            Map.entry(Wire.IERECVRESULTS, "unable to receive results"),
            Map.entry(Wire.IESTREAMID, "stream has an invalid id"),
            Map.entry(142, "test authorization failed"));

    public static String describe(int errorCode) {
        String text = TEXTS.get(errorCode);
        return text == null ? "i_errno " + errorCode : text + " (i_errno " + errorCode + ")";
    }

    private ServerErrors() {}
}

package io.waddleperf.testserver.iperf;

/**
 * Constants of the iperf3 3.12 wire protocol, as found in its src/iperf_api.h and src/iperf.h.
 *
 * <p>Names follow iperf3's own, so a reader can match them with a packet capture or the C source.
 */
public final class Wire {

    /** 36 characters from {@link #COOKIE_ALPHABET} and a terminating NUL. */
    public static final int COOKIE_SIZE = 37;

    public static final String COOKIE_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    // Control-channel states, one signed byte each.
    public static final byte TEST_START = 1;
    public static final byte TEST_RUNNING = 2;
    public static final byte TEST_END = 4;
    public static final byte PARAM_EXCHANGE = 9;
    public static final byte CREATE_STREAMS = 10;
    public static final byte SERVER_TERMINATE = 11;
    public static final byte CLIENT_TERMINATE = 12;
    public static final byte EXCHANGE_RESULTS = 13;
    public static final byte DISPLAY_RESULTS = 14;
    public static final byte IPERF_DONE = 16;
    public static final byte ACCESS_DENIED = -1;
    public static final byte SERVER_ERROR = -2;

    /**
     * The client's UDP stream hello as it appears on the wire: iperf3 writes the int 0x36373839 in
     * host (little-endian) order, which reads "9876".
     */
    public static final byte[] UDP_CONNECT_MSG = {0x39, 0x38, 0x37, 0x36};
    /** Clients before 3.11 wrote 123456789 instead. */
    public static final byte[] LEGACY_UDP_CONNECT_MSG = {0x15, (byte) 0xcd, 0x5b, 0x07};
    /** Our reply, 0x39383736 in little-endian order: "6789" on the wire. */
    public static final byte[] UDP_CONNECT_REPLY = {0x36, 0x37, 0x38, 0x39};

    /** Stream ids go 1, 3, 4, 5, ...: iperf3 skips 2 on purpose and matches results by id. */
    public static int streamId(int index) {
        return index == 0 ? 1 : index + 2;
    }

    // iperf3 i_errno values the server reports (src/iperf_api.h).
    public static final int IEDURATION = 5;
    public static final int IENUMSTREAMS = 6;
    public static final int IEBLOCKSIZE = 7;
    public static final int IEBUFSIZE = 8;
    public static final int IEOMIT = 12;
    public static final int IEBURST = 15;
    public static final int IENOSCTP = 18;
    public static final int IEUDPBLOCKSIZE = 20;
    public static final int IEBADTOS = 21;
    public static final int IEREVERSEBIDIR = 25;
    public static final int IECTRLCLOSE = 109;
    public static final int IEMESSAGE = 110;
    public static final int IERECVPARAMS = 114;
    public static final int IERECVRESULTS = 117;
    public static final int IESTREAMID = 208;

    // Bounds iperf3 itself enforces (src/iperf.h).
    public static final int MAX_STREAMS = 128;
    public static final int MAX_BLOCKSIZE = 1 << 20;
    public static final int MIN_UDP_BLOCKSIZE = 16;
    public static final int MAX_UDP_BLOCKSIZE = 65_507;
    public static final int MAX_OMIT = 60;
    public static final int MAX_BURST = 1000;
    public static final int MAX_TCP_BUFFER = 512 << 20;
    public static final int DEFAULT_TCP_BLOCKSIZE = 128 * 1024;
    public static final int DEFAULT_UDP_BLOCKSIZE = 1460;
    public static final int DEFAULT_PACING_TIMER_US = 1000;

    /**
     * Checks that 37 bytes are a cookie a stock client could have made, and returns its text.
     *
     * @throws IperfProtocolException for anything else, so garbage never reaches a lookup
     */
    public static String cookie(byte[] raw) throws IperfProtocolException {
        if (raw.length != COOKIE_SIZE || raw[COOKIE_SIZE - 1] != 0) {
            throw new IperfProtocolException("malformed cookie");
        }
        char[] text = new char[COOKIE_SIZE - 1];
        for (int i = 0; i < text.length; i++) {
            char c = (char) (raw[i] & 0xff);
            if (COOKIE_ALPHABET.indexOf(c) < 0) {
                throw new IperfProtocolException("malformed cookie");
            }
            text[i] = c;
        }
        return new String(text);
    }

    private Wire() {}
}

package io.waddleperf.testserver.iperf;

/**
 * Constants of the iperf3 3.12 wire protocol, as found in its src/iperf_api.h and src/iperf.h.
 *
 * <p>Names follow iperf3's own, so a reader can match them with a packet capture or the C source.
 */
final class Wire {

    /** 36 characters from {@link #COOKIE_ALPHABET} and a terminating NUL. */
    static final int COOKIE_SIZE = 37;

    static final String COOKIE_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    // Control-channel states, one signed byte each.
    static final byte TEST_START = 1;
    static final byte TEST_RUNNING = 2;
    static final byte TEST_END = 4;
    static final byte PARAM_EXCHANGE = 9;
    static final byte CREATE_STREAMS = 10;
    static final byte SERVER_TERMINATE = 11;
    static final byte CLIENT_TERMINATE = 12;
    static final byte EXCHANGE_RESULTS = 13;
    static final byte DISPLAY_RESULTS = 14;
    static final byte IPERF_DONE = 16;
    static final byte ACCESS_DENIED = -1;
    static final byte SERVER_ERROR = -2;

    /**
     * The client's UDP stream hello as it appears on the wire: iperf3 writes the int 0x36373839 in
     * host (little-endian) order, which reads "9876".
     */
    static final byte[] UDP_CONNECT_MSG = {0x39, 0x38, 0x37, 0x36};
    /** Clients before 3.11 wrote 123456789 instead. */
    static final byte[] LEGACY_UDP_CONNECT_MSG = {0x15, (byte) 0xcd, 0x5b, 0x07};
    /** Our reply, 0x39383736 in little-endian order: "6789" on the wire. */
    static final byte[] UDP_CONNECT_REPLY = {0x36, 0x37, 0x38, 0x39};

    /** Stream ids go 1, 3, 4, 5, ...: iperf3 skips 2 on purpose and matches results by id. */
    static int streamId(int index) {
        return index == 0 ? 1 : index + 2;
    }

    // iperf3 i_errno values the server reports (src/iperf_api.h).
    static final int IEDURATION = 5;
    static final int IENUMSTREAMS = 6;
    static final int IEBLOCKSIZE = 7;
    static final int IEBUFSIZE = 8;
    static final int IEOMIT = 12;
    static final int IEBURST = 15;
    static final int IENOSCTP = 18;
    static final int IEUDPBLOCKSIZE = 20;
    static final int IEBADTOS = 21;
    static final int IEREVERSEBIDIR = 25;
    static final int IECTRLCLOSE = 109;
    static final int IEMESSAGE = 110;
    static final int IERECVPARAMS = 114;
    static final int IERECVRESULTS = 117;
    static final int IESTREAMID = 208;

    // Bounds iperf3 itself enforces (src/iperf.h).
    static final int MAX_STREAMS = 128;
    static final int MAX_BLOCKSIZE = 1 << 20;
    static final int MIN_UDP_BLOCKSIZE = 16;
    static final int MAX_UDP_BLOCKSIZE = 65_507;
    static final int MAX_OMIT = 60;
    static final int MAX_BURST = 1000;
    static final int MAX_TCP_BUFFER = 512 << 20;
    static final int DEFAULT_TCP_BLOCKSIZE = 128 * 1024;
    static final int DEFAULT_UDP_BLOCKSIZE = 1460;
    static final int DEFAULT_PACING_TIMER_US = 1000;

    /**
     * Checks that 37 bytes are a cookie a stock client could have made, and returns its text.
     *
     * @throws IperfProtocolException for anything else, so garbage never reaches a lookup
     */
    static String cookie(byte[] raw) throws IperfProtocolException {
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

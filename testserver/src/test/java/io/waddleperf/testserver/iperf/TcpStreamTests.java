package io.waddleperf.testserver.iperf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TcpStreamTests {

    @Test
    void fewStreamsGetTheLargestTransfers() {
        assertThat(TcpStream.transferSize(1)).isEqualTo(TcpStream.MAX_TRANSFER);
        assertThat(TcpStream.transferSize(2)).isEqualTo(TcpStream.MAX_TRANSFER);
    }

    @Test
    void manyStreamsShareTheBudgetDownToIperf3sBlock() {
        assertThat(TcpStream.transferSize(16)).isEqualTo(512 * 1024);
        assertThat(TcpStream.transferSize(128)).isEqualTo(TcpStream.MIN_TRANSFER);
        assertThat(TcpStream.transferSize(1000)).isEqualTo(TcpStream.MIN_TRANSFER);
    }

    @Test
    void aTestsStreamsStayWithinTheBudgetUnlessEachHasOnlyTheSmallestTransfer() {
        for (int streams = 1; streams <= 256; streams++) {
            int size = TcpStream.transferSize(streams);
            assertThat(Integer.bitCount(size))
                    .as("power of two for %d streams", streams)
                    .isEqualTo(1);
            assertThat((long) size * streams)
                    .as("native memory of %d streams", streams)
                    .isLessThanOrEqualTo(Math.max(TcpStream.TRANSFER_BUDGET, (long) TcpStream.MIN_TRANSFER * streams));
        }
    }
}

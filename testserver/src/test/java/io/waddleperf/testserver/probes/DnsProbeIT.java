package io.waddleperf.testserver.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waddleperf.protocol.ProbeResult;
import io.waddleperf.protocol.ProbeType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DNS probe against a throwaway dnsmasq that knows one name and nothing else. */
class DnsProbeIT {

    @TempDir
    static Path temp;

    static LocalDaemon dnsmasq;
    static int port;

    @BeforeAll
    static void startDnsmasq() throws Exception {
        Path binary = LocalDaemon.require("/usr/sbin/dnsmasq", "dnsmasq");
        port = LocalDaemon.freePort();
        dnsmasq = LocalDaemon.start(
                List.of(
                        binary.toString(),
                        "--keep-in-foreground",
                        "--conf-file=/dev/null", // not the package's /etc/dnsmasq.conf
                        "--pid-file=" + temp.resolve("dnsmasq.pid"), // not the packaged service's
                        "--port=" + port,
                        "--listen-address=127.0.0.1",
                        "--bind-interfaces",
                        "--no-resolv", // never forward anything off this machine
                        "--no-hosts",
                        "--address=/example.test/192.0.2.10",
                        "--log-facility=-"),
                temp.resolve("dnsmasq.log"));
        // Ready when it answers; until then the probe times out quickly and we ask again.
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .untilAsserted(
                        () -> assertThat(query("example.test", "A", false).rcode())
                                .as("dnsmasq output: %s", dnsmasq.output())
                                .isEqualTo("NOERROR"));
    }

    @AfterAll
    static void stopDnsmasq() throws Exception {
        if (dnsmasq != null) {
            dnsmasq.close();
        }
    }

    private static ProbeResult.Dns query(String name, String qtype, boolean tcp) throws Exception {
        return (ProbeResult.Dns) TestProbes.run(
                ProbeType.DNS,
                name,
                "{\"resolver\": \"127.0.0.1:" + port + "\", \"qtype\": \"" + qtype + "\", \"timeoutMillis\": 500,"
                        + " \"tcp\": " + tcp + "}");
    }

    @Test
    void answersAnARecordOverUdp() throws Exception {
        ProbeResult.Dns result = query("www.example.test", "A", false);

        assertThat(result.rcode()).isEqualTo("NOERROR");
        assertThat(result.answerCount()).isEqualTo(1);
        assertThat(result.answers()).singleElement().asString().contains("192.0.2.10");
        assertThat(result.name()).isEqualTo("www.example.test.");
        assertThat(result.qtype()).isEqualTo("A");
        assertThat(result.resolver()).isEqualTo("127.0.0.1:" + port);
        assertThat(result.transport()).isEqualTo("udp");
        assertThat(result.timeMillis()).isPositive();
    }

    @Test
    void answersOverTcpToo() throws Exception {
        ProbeResult.Dns result = query("example.test", "A", true);

        assertThat(result.rcode()).isEqualTo("NOERROR");
        assertThat(result.transport()).isEqualTo("tcp");
        assertThat(result.answers()).singleElement().asString().contains("192.0.2.10");
    }

    @Test
    void reportsTheRcodeOfAnUnanswerableQuery() throws Exception {
        // No upstream (--no-resolv): dnsmasq cannot answer other names and says so.
        ProbeResult.Dns result = query("unknown.invalid", "A", false);

        assertThat(result.rcode()).isIn("REFUSED", "NXDOMAIN", "SERVFAIL");
        assertThat(result.answers()).isEmpty();
    }
}

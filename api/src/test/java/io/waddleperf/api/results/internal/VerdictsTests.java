package io.waddleperf.api.results.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.results.internal.Verdicts.Breach;
import io.waddleperf.api.tests.TierProfile;
import io.waddleperf.api.tests.TierProfile.Thresholds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictsTests {

    static final Thresholds TIER1 = TierProfile.defaults(1).thresholds();
    static final Thresholds TIER2 = TierProfile.defaults(2).thresholds();

    static Map<String, Object> rtt(double avg, double p95) {
        return Map.of("samples", 10, "min", 1.0, "avg", avg, "p50", avg, "p95", p95, "p99", p95, "max", p95);
    }

    @Test
    void latencyMeansP95() {
        Metrics m = Metrics.of("tcp_connect", Map.of("rtt", rtt(40.0, 120.0)));

        List<Breach> breaches = Verdicts.evaluate("succeeded", m, TIER1);

        assertThat(breaches).containsExactly(new Breach("latencyMs", 100.0, 120.0));
        assertThat(Verdicts.verdict(breaches)).isEqualTo("breach");
    }

    @Test
    void latencyFallsBackToTheAverageWhenThatIsAllThereIs() {
        Metrics m = Metrics.of("speedtest", Map.of("pingMs", 101.0, "downloadMbps", 50.0, "uploadMbps", 5.0));

        assertThat(Verdicts.evaluate("succeeded", m, TIER1)).containsExactly(new Breach("latencyMs", 100.0, 101.0));
        assertThat(Verdicts.evaluate("succeeded", m, TIER2)).containsExactly(new Breach("throughputMbps", 10.0, 5.0));
    }

    @Test
    void anAttemptWithoutAnyAnswerHasNoLatency() {
        Map<String, Object> none = Map.of("samples", 0, "min", 0, "avg", 0, "p50", 0, "p95", 0, "p99", 0, "max", 0);
        Metrics m = Metrics.of("udp_echo", Map.of("rtt", none, "lossPercent", 100.0, "jitterMillis", 0.0));

        assertThat(m.latencyP95Ms()).isNull();
        assertThat(Verdicts.evaluate("succeeded", m, TIER1)).containsExactly(new Breach("lossPercent", 5.0, 100.0));
    }

    @Test
    void oneWayThroughputIgnoresTheDirectionItDidNotMeasure() {
        Map<String, Object> reverse = Map.of(
                "reverse", true, "bidirectional", false, "uploadMbps", 0.0, "downloadMbps", 850.0, "retransmits", 12);

        Metrics m = Metrics.of("throughput", reverse);

        assertThat(m.throughputUpMbps()).isNull();
        assertThat(m.throughputDownMbps()).isEqualTo(850.0);
        assertThat(m.retransmits()).isEqualTo(12L);
        assertThat(Verdicts.evaluate("succeeded", m, TIER2)).isEmpty();
    }

    @Test
    void bidirectionalThroughputIsJudgedByItsSlowerDirection() {
        Map<String, Object> both = Map.of(
                "reverse",
                false,
                "bidirectional",
                true,
                "uploadMbps",
                8.0,
                "downloadMbps",
                90.0,
                "latencyUnderLoad",
                rtt(30.0, 80.0),
                "jitterMillis",
                60.0);

        List<Breach> breaches = Verdicts.evaluate("succeeded", Metrics.of("throughput", both), TIER2);

        assertThat(breaches)
                .containsExactly(new Breach("throughputMbps", 10.0, 8.0), new Breach("jitterMs", 50.0, 60.0));
    }

    @Test
    void httpChecksTotalTimeAndCertificate() {
        Metrics m = Metrics.of("http", Map.of("totalMillis", 2100.0, "certificateDaysLeft", 6, "status", 200));

        assertThat(Verdicts.evaluate("succeeded", m, TIER1)).containsExactly(new Breach("httpMs", 2000.0, 2100.0));
        assertThat(Verdicts.evaluate("succeeded", m, TIER2)).containsExactly(new Breach("certificateDays", 7.0, 6.0));
    }

    @Test
    void dnsChecksItsTime() {
        Metrics m = Metrics.of("dns", Map.of("timeMillis", 1000.5, "rcode", "NOERROR"));

        assertThat(Verdicts.evaluate("succeeded", m, TIER1)).containsExactly(new Breach("dnsMs", 1000.0, 1000.5));
    }

    @Test
    void failedAndTimedOutRunsBreachCanceledOnesDoNot() {
        Metrics slow = Metrics.of("tcp_connect", Map.of("rtt", rtt(400.0, 900.0)));

        assertThat(Verdicts.evaluate("failed", slow, TIER1))
                .containsExactly(new Breach("status", "succeeded", "failed"));
        assertThat(Verdicts.evaluate("timed_out", slow, TIER1))
                .containsExactly(new Breach("status", "succeeded", "timed_out"));
        assertThat(Verdicts.evaluate("canceled", slow, TIER1)).isEmpty();
    }

    @Test
    void malformedFiguresAreNoFiguresRatherThanErrors() {
        Metrics m = Metrics.of("udp_echo", Map.of("rtt", "fast", "lossPercent", "lots", "jitterMillis", Double.NaN));

        assertThat(m).isEqualTo(Metrics.NONE);
        assertThat(Metrics.of("ssh", Map.of("totalMillis", 12.0))).isEqualTo(Metrics.NONE);
    }

    @Test
    void csvTextIsQuotedAndDefusedAsSpreadsheetsNeed() {
        assertThat(ResultExport.csvText("plain")).isEqualTo("plain");
        assertThat(ResultExport.csvText("a,b")).isEqualTo("\"a,b\"");
        assertThat(ResultExport.csvText("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ResultExport.csvText("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(ResultExport.csvText("=1+1")).isEqualTo("'=1+1");
        assertThat(ResultExport.csvText("+1")).isEqualTo("'+1");
        assertThat(ResultExport.csvText("-1")).isEqualTo("'-1");
        assertThat(ResultExport.csvText("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ResultExport.csvText("\t=1")).isEqualTo("'\t=1");
    }
}

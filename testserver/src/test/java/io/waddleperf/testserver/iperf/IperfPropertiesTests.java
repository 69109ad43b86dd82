package io.waddleperf.testserver.iperf;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.testserver.iperf.server.IperfProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class IperfPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Enable.class);

    @Test
    void defaultsToAnIperf3ServerOnPort5201() {
        runner.run(context -> {
            IperfProperties properties = context.getBean(IperfProperties.class);
            assertThat(properties.port()).isEqualTo(5201);
            assertThat(properties.capacity()).isEqualTo(4);
            assertThat(properties.idleTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.maxParameterSize().toBytes()).isEqualTo(8192);
            assertThat(properties.allowlist()).isEmpty();
        });
    }

    @Test
    void bindsAnAllowlistOfAddressesAndBlocks() {
        runner.withPropertyValues("waddleperf.iperf.allowlist=10.0.0.0/8,192.0.2.7")
                .run(context -> assertThat(
                                context.getBean(IperfProperties.class).allowlist())
                        .containsExactly("10.0.0.0/8", "192.0.2.7"));
    }

    @Test
    void refusesToStartWithSettingsThatCannotWork() {
        runner.withPropertyValues("waddleperf.iperf.allowlist=not-an-address")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("waddleperf.iperf.capacity=0")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("waddleperf.iperf.port=70000")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("waddleperf.iperf.idle-timeout=0s")
                .run(context -> assertThat(context).hasFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IperfProperties.class)
    static class Enable {}
}

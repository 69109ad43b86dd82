package io.waddleperf.testserver.iperf.server;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IperfConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnBooleanProperty(name = "waddleperf.iperf.enabled", matchIfMissing = true)
    IperfServer iperfServer(
            IperfProperties properties, ObjectProvider<IperfListener> listener, MeterRegistry meterRegistry) {
        return IperfServer.start(properties, listener.getIfUnique(() -> IperfListener.NONE), meterRegistry);
    }
}

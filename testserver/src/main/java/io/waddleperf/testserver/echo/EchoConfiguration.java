package io.waddleperf.testserver.echo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EchoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnBooleanProperty(name = "waddleperf.echo.enabled", matchIfMissing = true)
    UdpEchoServer udpEchoServer(EchoProperties properties) {
        return UdpEchoServer.start(properties.bindAddress(), properties.port());
    }
}

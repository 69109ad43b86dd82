package io.waddleperf.api.shared.scheduling;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cluster scheduler, with every {@link ClusterJob} bean of the application, and the replica
 * scheduler, with every {@link ReplicaJob}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulerProperties.class)
class ClusterSchedulingConfiguration {

    @Bean
    ClusterScheduler clusterScheduler(DataSource dataSource, List<ClusterJob> jobs, SchedulerProperties properties) {
        return new ClusterScheduler(dataSource, jobs, properties);
    }

    @Bean
    ReplicaScheduler replicaScheduler(List<ReplicaJob> jobs, SchedulerProperties properties) {
        return new ReplicaScheduler(jobs, properties);
    }
}

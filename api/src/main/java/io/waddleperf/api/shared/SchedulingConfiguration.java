package io.waddleperf.api.shared;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Per-replica timers: the license keepalive, which each replica sends for itself (its hostname
 * and uptime). Jobs that must run once for the cluster are {@code ClusterJob}s instead.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {}

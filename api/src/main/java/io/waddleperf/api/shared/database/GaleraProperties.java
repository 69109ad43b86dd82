package io.waddleperf.api.shared.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the API uses a Galera cluster.
 *
 * @param causalReads make every read wait for the commits the cluster had made when it began
 *     ({@code wsrep_sync_wait=1}), so a write is visible to the next request on any node; turn it
 *     off only when every replica's connections go to one node
 */
@Validated
@ConfigurationProperties("waddleperf.database.galera")
record GaleraProperties(@DefaultValue("true") boolean causalReads) {}

package io.waddleperf.api.shared.database;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded MariaDB that runs when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir where the database files live; survives restarts (default in application.yml,
 *     where {@code ${user.home}} resolves)
 * @param port TCP port on 127.0.0.1; 0 picks a free one at each start
 * @param database schema the API uses
 */
@Validated
@ConfigurationProperties("waddleperf.embedded-db")
public record EmbeddedDatabaseProperties(
        @DefaultValue("${user.home}/.waddleperf/mariadb") @NotNull
        Path dataDir,

        @DefaultValue("0") @Min(0) @Max(65535) int port,
        @DefaultValue("waddleperf") @NotBlank String database) {}

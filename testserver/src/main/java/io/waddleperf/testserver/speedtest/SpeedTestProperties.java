package io.waddleperf.testserver.speedtest;

import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Browser speed-test endpoints.
 *
 * @param allowedOrigins web UI origins that may call the endpoints from a browser (CORS); empty
 *     means same-origin only
 * @param maxDownload largest download one request may ask for
 * @param maxUpload largest upload one request may send; the rest is refused with 413
 * @param requestsPerIpPerMinute speed-test requests one client address may make per minute before
 *     429; one browser test makes 10 pings and a few dozen transfers, so the default allows several
 *     tests a minute from one address (or from one NAT) while a script hammering the node is held
 */
@Validated
@ConfigurationProperties("waddleperf.speedtest")
record SpeedTestProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("1GB") DataSize maxDownload,
        @DefaultValue("1GB") DataSize maxUpload,
        @DefaultValue("600") @Min(1) int requestsPerIpPerMinute) {}

package io.waddleperf.testserver.speedtest;

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
 */
@Validated
@ConfigurationProperties("waddleperf.speedtest")
record SpeedTestProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("1GB") DataSize maxDownload,
        @DefaultValue("1GB") DataSize maxUpload) {}

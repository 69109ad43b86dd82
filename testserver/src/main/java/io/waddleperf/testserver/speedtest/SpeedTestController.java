package io.waddleperf.testserver.speedtest;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Download source, upload sink and ping for browser speed tests. Requests run on virtual threads
 * (spring.threads.virtual.enabled), so the plain blocking servlet streams cost no platform thread
 * while a slow client drains them, and no async timeout cuts a long transfer short.
 */
@RestController
@RequestMapping(path = "/speedtest")
class SpeedTestController {

    /**
     * Random bytes served over and over. Random so compressing proxies cannot shrink the transfer;
     * 1 MiB so the repeat distance exceeds the windows of deflate and brotli; shared and read-only,
     * so a download of any size allocates nothing.
     */
    private static final byte[] RANDOM = new byte[1 << 20];

    private static final int UPLOAD_BUFFER = 64 * 1024;

    static {
        new SecureRandom().nextBytes(RANDOM);
    }

    private final SpeedTestProperties properties;

    SpeedTestController(SpeedTestProperties properties) {
        this.properties = properties;
    }

    record Pong(long serverTimeMillis) {}

    record Uploaded(long bytes, double millis) {}

    @GetMapping("/download")
    void download(@RequestParam @Min(1) long bytes, HttpServletResponse response) throws IOException {
        long limit = properties.maxDownload().toBytes();
        if (bytes > limit) {
            throw problem(
                    HttpStatus.BAD_REQUEST,
                    "download-too-large",
                    "Download too large",
                    "bytes must not exceed " + limit + " on this node");
        }
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
        response.setContentLengthLong(bytes);
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        ServletOutputStream out = response.getOutputStream();
        long remaining = bytes;
        while (remaining > 0) {
            int chunk = (int) Math.min(remaining, RANDOM.length);
            out.write(RANDOM, 0, chunk);
            remaining -= chunk;
        }
        out.flush();
    }

    /** Counts and discards the body; {@code millis} runs from the first to the last byte read. */
    @PostMapping("/upload")
    ResponseEntity<Uploaded> upload(HttpServletRequest request) throws IOException {
        long limit = properties.maxUpload().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        byte[] buffer = new byte[UPLOAD_BUFFER];
        ServletInputStream in = request.getInputStream();
        long total = 0;
        long start = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            if (start == 0) {
                start = System.nanoTime();
            }
            total += read;
            if (total > limit) {
                throw tooLarge(limit);
            }
        }
        double millis = start == 0 ? 0 : Math.round((System.nanoTime() - start) / 1000.0) / 1000.0;
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Uploaded(total, millis));
    }

    @GetMapping("/ping")
    ResponseEntity<Pong> ping() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Pong(System.currentTimeMillis()));
    }

    private static ErrorResponseException tooLarge(long limit) {
        return problem(
                HttpStatus.CONTENT_TOO_LARGE,
                "upload-too-large",
                "Upload too large",
                "uploads must not exceed " + limit + " bytes on this node");
    }

    private static ErrorResponseException problem(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://waddleperf.io/problems/" + slug));
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }
}

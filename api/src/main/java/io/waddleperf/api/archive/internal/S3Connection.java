package io.waddleperf.api.archive.internal;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 client and presigner the archive uses, and, when no endpoint is configured, the
 * in-process S3Proxy they talk to. The embedded store is reached through the same client, signing
 * and create-only PUTs as a real one, so the quick start exercises the production path.
 */
public final class S3Connection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3Connection.class);

    /** The client, presigner and (embedded) proxy, which the embedded store has once it started. */
    private record Parts(
            S3Client client,
            S3Presigner presigner,
            @Nullable S3Proxy embedded,
            URI endpoint) {}

    private final CompletableFuture<Parts> parts;
    private final String bucket;

    private S3Connection(CompletableFuture<Parts> parts, String bucket) {
        this.parts = parts;
        this.bucket = bucket;
    }

    /**
     * A connection to the configured store, or to the embedded one, which starts on a thread of its
     * own: starting S3Proxy and the SDK's first request is a few hundred ms of class loading on a
     * quiet machine (docs/operations/startup.md) that overlaps the rest of the start that way.
     * {@link #awaitStarted()} (called once every singleton exists, before the web server starts)
     * waits for it, so a store that cannot start still fails the start.
     */
    static S3Connection open(ArchiveProperties properties) {
        if (!properties.embedded()) {
            URI endpoint = URI.create(properties.endpoint());
            AwsCredentialsProvider credentials = properties.accessKeyId().isBlank()
                    ? DefaultCredentialsProvider.builder().build()
                    : StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(properties.accessKeyId(), properties.secretAccessKey()));
            return new S3Connection(
                    CompletableFuture.completedFuture(connect(properties, endpoint, credentials, null)),
                    properties.bucket());
        }
        CompletableFuture<Parts> started = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        started.complete(startEmbedded(properties));
                    } catch (Throwable e) {
                        started.completeExceptionally(e);
                    }
                },
                "embedded-s3-start");
        thread.setDaemon(true);
        thread.start();
        return new S3Connection(started, properties.bucket());
    }

    private static Parts startEmbedded(ArchiveProperties properties) {
        // Fresh keys each start: nothing outside this process talks to the embedded store except
        // through presigned URLs, which live minutes.
        HexFormat hex = HexFormat.of();
        SecureRandom random = new SecureRandom();
        byte[] id = new byte[10];
        byte[] secret = new byte[20];
        random.nextBytes(id);
        random.nextBytes(secret);
        String identity = "WP" + hex.formatHex(id).toUpperCase();
        String credential = hex.formatHex(secret);
        Path store = properties.embeddedStoreDir();
        S3Proxy proxy;
        try {
            Files.createDirectories(store.resolve(properties.bucket()));
            proxy = S3Proxy.builder()
                    .blobStore(
                            new FilesystemNio2BlobStore(store.toAbsolutePath().toString()))
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, identity, credential)
                    .build();
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded S3 store under " + store, e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        Parts parts = connect(
                properties,
                endpoint,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(identity, credential)),
                proxy);
        try {
            createBucketIfMissing(parts.client(), properties.bucket());
        } catch (RuntimeException e) {
            close(parts);
            throw e;
        }
        log.info("Embedded S3 store (S3Proxy) at {}, files under {}", endpoint, store);
        return parts;
    }

    private static Parts connect(
            ArchiveProperties properties,
            URI endpoint,
            AwsCredentialsProvider credentials,
            @Nullable S3Proxy embedded) {
        Region region = Region.of(properties.region());
        S3Client client = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                .region(region)
                .credentialsProvider(credentials)
                .endpointOverride(endpoint)
                .forcePathStyle(properties.pathStyle())
                // Checksums only where S3 requires them: S3-compatible stores differ in how they
                // treat the SDK's default aws-chunked trailing CRC. The content's SHA-256 travels as
                // object metadata and is checked after the upload instead.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(60)))
                .build();
        S3Presigner presigner = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .endpointOverride(endpoint)
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(properties.pathStyle())
                        .build())
                .build();
        return new Parts(client, presigner, embedded, endpoint);
    }

    private static void createBucketIfMissing(S3Client client, String bucket) {
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            client.createBucket(b -> b.bucket(bucket));
        }
    }

    /** Waits for the embedded store to be up; throws what stopped it from starting. */
    void awaitStarted() {
        parts();
    }

    private Parts parts() {
        try {
            return parts.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("The S3 connection could not be opened", e.getCause());
        }
    }

    public S3Client client() {
        return parts().client();
    }

    public S3Presigner presigner() {
        return parts().presigner();
    }

    public String bucket() {
        return bucket;
    }

    public URI endpoint() {
        return parts().endpoint();
    }

    @Override
    public void close() throws Exception {
        Parts opened;
        try {
            opened = parts.join();
        } catch (CompletionException e) {
            return; // nothing was left open
        }
        close(opened);
    }

    private static void close(Parts parts) {
        parts.client().close();
        parts.presigner().close();
        if (parts.embedded() != null) {
            try {
                parts.embedded().stop();
            } catch (Exception e) {
                log.warn("The embedded S3 store did not stop cleanly", e);
            }
        }
    }
}

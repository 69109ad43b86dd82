package io.waddleperf.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.HttpTestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The web UI's TypeScript types are generated from webui/openapi.json, a checked-in copy of this
 * API's /v3/api-docs. This test fails when the live document and the copy differ, so the UI cannot
 * silently drift from the API; scripts/update-openapi.sh refreshes the copy and the types.
 */
@ApiIntegrationTest
class OpenApiSnapshotIT {

    /** Set by scripts/update-openapi.sh: write the live document over the snapshot instead of comparing. */
    private static final boolean UPDATE = Boolean.getBoolean("waddleperf.openapi.update");

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    @Value("${local.server.port}")
    int port;

    @Test
    void webUiSnapshotMatchesTheLiveOpenApiDocument() throws IOException {
        HttpTestClient.Response response = new HttpTestClient(port).get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        JsonNode live = normalise(response.json());

        Path snapshot = snapshotPath();
        // The build output keeps the live document for a look at the difference.
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "openapi.json"), JSON.writeValueAsString(live) + "\n");
        if (UPDATE) {
            Files.writeString(snapshot, JSON.writeValueAsString(live) + "\n");
        }

        JsonNode stored = JSON.readTree(Files.readString(snapshot));
        assertThat(stored)
                .as("webui/openapi.json is out of date with the API; run scripts/update-openapi.sh and commit "
                        + "webui/openapi.json and webui/src/lib/api-types.ts (live copy: api/target/openapi.json)")
                .isEqualTo(live);
    }

    /**
     * ResultView passes stored JSON through ({@code @JsonRawValue} strings): the document must say
     * what is sent (an array of breaches, objects), or the UI's generated types call them strings.
     */
    @Test
    void rawJsonOfResultsIsDocumentedAsWhatIsSent() {
        JsonNode schemas = new HttpTestClient(port)
                .get("/v3/api-docs")
                .json()
                .path("components")
                .path("schemas");
        JsonNode result = schemas.path("ResultView").path("properties");
        assertThat(result.path("breaches").path("type").asString()).isEqualTo("array");
        assertThat(result.path("breaches").path("items").path("$ref").asString())
                .isEqualTo("#/components/schemas/Breach");
        assertThat(schemas.path("Breach")
                        .path("properties")
                        .path("metric")
                        .path("type")
                        .asString())
                .isEqualTo("string");
        assertThat(result.path("summary").path("type").asString()).isEqualTo("object");
        assertThat(schemas.path("SampleView")
                        .path("properties")
                        .path("values")
                        .path("type")
                        .asString())
                .isEqualTo("object");
    }

    /** The servers entry carries this run's random port; nothing else varies between runs. */
    private static JsonNode normalise(JsonNode document) {
        ObjectNode copy = (ObjectNode) document.deepCopy();
        copy.remove("servers");
        return copy;
    }

    /** Failsafe runs with api/ as the working directory; the snapshot lives beside the UI's sources. */
    private static Path snapshotPath() {
        return Path.of("..", "webui", "openapi.json").toAbsolutePath().normalize();
    }
}

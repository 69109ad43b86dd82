package io.waddleperf.api.geo.internal;

import io.waddleperf.api.geo.GeoLocator;
import io.waddleperf.api.geo.GeoLocator.Attribution;
import io.waddleperf.api.geo.internal.Heatmaps.Heatmap;
import io.waddleperf.api.geo.internal.Heatmaps.PlaceStats;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The heatmap as CSV and as a one-page PDF (map picture, worst places, period). Both are a pure
 * function of the heatmap: the same period gives the same bytes, whenever it is asked for. Neither
 * holds an address: places are countries, cities and cells with at least the minimum of samples.
 */
@Component
public class GeoReports {

    public static final double RELATIVE_ACCURACY = Sketches.RELATIVE_ACCURACY;

    private final Places places;
    private final GeoLocator locator;

    GeoReports(Places places, GeoLocator locator) {
        this.places = places;
        this.locator = locator;
    }

    /** The outline of an H3 cell as a closed GeoJSON ring. */
    public List<double[]> outline(String cellAddress) {
        return places.outline(cellAddress);
    }

    static final String CSV_HEADER =
            "side,level,place,name,country_code,latitude,longitude,count,min,max,mean,p50,p95,unit";

    static final int WORST_ROWS = 20;

    public void csv(Heatmap heatmap, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(CSV_HEADER);
        w.write("\r\n");
        String unit = heatmap.request().metric().unit();
        for (PlaceStats p : heatmap.places()) {
            w.write(String.join(
                    ",",
                    p.side().id(),
                    p.level().id(),
                    cell(p.place()),
                    cell(p.name()),
                    p.countryCode(),
                    number(p.latitude()),
                    number(p.longitude()),
                    Long.toString(p.count()),
                    number(p.min()),
                    number(p.max()),
                    number(p.mean()),
                    number(p.p50()),
                    number(p.p95()),
                    cell(unit)));
            w.write("\r\n");
        }
        w.flush();
    }

    /** RFC 4180 quoting; a leading formula character is neutralised for spreadsheet users. */
    private static String cell(String text) {
        String t = text;
        if (!t.isEmpty() && "=+-@".indexOf(t.charAt(0)) >= 0) {
            t = "'" + t;
        }
        if (t.contains(",") || t.contains("\"") || t.contains("\n") || t.contains("\r")) {
            return "\"" + t.replace("\"", "\"\"") + "\"";
        }
        return t;
    }

    private static String number(@Nullable Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.3f", value);
    }

    /**
     * @param cities the same period at city level, for the map picture (countries have no point)
     */
    public void pdf(Heatmap heatmap, Heatmap cities, OutputStream out) throws IOException {
        Attribution attribution = locator.attribution();
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()));
            doc.addPage(page);
            Face regular = Face.load(doc, REGULAR, REGULAR_CJK);
            Face bold = Face.load(doc, BOLD, BOLD_CJK);
            HeatmapRequest r = heatmap.request();
            String title = "WaddlePerf heatmap: " + r.metric().id() + " ("
                    + r.metric().unit() + ") by " + r.level().id()
                    + (r.side() == null ? "" : ", " + r.side().id() + " side");
            String period = "Period (UTC): " + r.from() + " to " + r.to() + "   Places with fewer than "
                    + heatmap.minSamples() + " samples are left out.";
            float width = page.getMediaBox().getWidth();
            float height = page.getMediaBox().getHeight();
            try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
                text(c, bold, 16, 36, height - 40, title);
                text(c, regular, 9, 36, height - 56, period);
                map(c, regular, cities, 36, height - 330, 520, 260);
                table(c, regular, bold, heatmap, 570, height - 70, width - 606);
                if (attribution != null) {
                    text(c, regular, 8, 36, 24, attribution.text() + ": " + attribution.url());
                }
            }
            if (attribution != null) {
                PDAnnotationLink link = new PDAnnotationLink();
                link.setRectangle(new PDRectangle(36, 20, 300, 14));
                PDActionURI action = new PDActionURI();
                action.setURI(attribution.url());
                link.setAction(action);
                page.getAnnotations().add(link);
            }
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(title);
            info.setProducer("WaddlePerf");
            // The period's end, not the time of the request: the same period, the same file.
            Calendar created = GregorianCalendar.from(r.to().atZone(ZoneOffset.UTC));
            created.setTimeZone(TimeZone.getTimeZone("UTC"));
            info.setCreationDate(created);
            info.setModificationDate(created);
            byte[] id = id(title + "|" + period);
            COSArray ids = new COSArray();
            ids.add(new COSString(id));
            ids.add(new COSString(id));
            // PDFBox would otherwise derive the file identifier from the clock.
            doc.getDocument().getTrailer().setItem(COSName.ID, ids);
            doc.save(out);
        }
    }

    /**
     * Equirectangular world with a 30° graticule; each city is a dot coloured from green (best)
     * to red (worst) by its p95 rank in the period and sized by its sample count.
     */
    private static void map(PDPageContentStream c, Face font, Heatmap cities, float x, float y, float w, float h)
            throws IOException {
        c.setNonStrokingColor(new Color(0xEE, 0xF3, 0xF8));
        c.addRect(x, y, w, h);
        c.fill();
        c.setStrokingColor(new Color(0xB8, 0xC4, 0xD0));
        c.setLineWidth(0.4f);
        for (int lon = -180; lon <= 180; lon += 30) {
            float px = x + (lon + 180) / 360f * w;
            c.moveTo(px, y);
            c.lineTo(px, y + h);
        }
        for (int lat = -90; lat <= 90; lat += 30) {
            float py = y + (lat + 90) / 180f * h;
            c.moveTo(x, py);
            c.lineTo(x + w, py);
        }
        c.stroke();
        List<PlaceStats> points = cities.places().stream()
                .filter(p -> p.latitude() != null && p.longitude() != null)
                .toList();
        long maxCount = points.stream().mapToLong(PlaceStats::count).max().orElse(1);
        // places are sorted worst first; draw the best first so the worst stay on top.
        for (int i = points.size() - 1; i >= 0; i--) {
            PlaceStats p = points.get(i);
            float share = points.size() == 1 ? 1f : 1f - (float) i / (points.size() - 1);
            c.setNonStrokingColor(new Color(Math.round(40 + 200 * share), Math.round(170 - 130 * share), 60));
            float radius = 2f + 5f * (float) Math.sqrt((double) p.count() / maxCount);
            float px = x + (float) ((p.longitude() + 180) / 360 * w);
            float py = y + (float) ((p.latitude() + 90) / 180 * h);
            circle(c, px, py, radius);
            c.fill();
        }
        text(
                c,
                font,
                8,
                x,
                y - 12,
                "Cities (" + points.size() + "), coloured by p95 rank: red worst, green best;"
                        + " size by sample count.");
    }

    private static void table(
            PDPageContentStream c, Face regular, Face bold, Heatmap heatmap, float x, float top, float w)
            throws IOException {
        text(c, bold, 11, x, top, "Worst places by p95");
        float[] columns = {0, w * 0.50f, w * 0.64f, w * 0.82f};
        String[] header = {"Place (side)", "Samples", "p50", "p95"};
        float y = top - 18;
        for (int i = 0; i < header.length; i++) {
            text(c, bold, 9, x + columns[i], y, header[i]);
        }
        List<PlaceStats> rows = heatmap.places().stream().limit(WORST_ROWS).toList();
        if (rows.isEmpty()) {
            text(c, regular, 9, x, y - 14, "No place has enough samples in this period.");
        }
        for (PlaceStats p : rows) {
            y -= 14;
            String name = shorten(p.name() + " (" + p.side().id() + ")", 34);
            text(c, regular, 9, x + columns[0], y, name);
            text(c, regular, 9, x + columns[1], y, Long.toString(p.count()));
            text(c, regular, 9, x + columns[2], y, String.format(Locale.ROOT, "%.2f", p.p50()));
            text(c, regular, 9, x + columns[3], y, String.format(Locale.ROOT, "%.2f", p.p95()));
        }
    }

    private static void circle(PDPageContentStream c, float cx, float cy, float r) throws IOException {
        float k = 0.552f * r;
        c.moveTo(cx + r, cy);
        c.curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
        c.curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
        c.curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
        c.curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
        c.closePath();
    }

    /**
     * Noto Sans for Latin, Greek and Cyrillic, Noto Sans JP for what it lacks (CJK): no one
     * TrueType font of a sensible size covers both, so each character is drawn with the first
     * that has it.
     */
    record Face(PDFont main, PDFont cjk) {
        static Face load(PDDocument doc, BundledFont main, BundledFont cjk) throws IOException {
            return new Face(
                    PDType0Font.load(doc, new ByteArrayInputStream(main.bytes()), true),
                    PDType0Font.load(doc, new ByteArrayInputStream(cjk.bytes()), true));
        }
    }

    /** A run of text drawn with one font. */
    record Run(PDFont font, String text) {}

    private static void text(PDPageContentStream c, Face face, float size, float x, float y, String text)
            throws IOException {
        c.beginText();
        c.newLineAtOffset(x, y);
        for (Run run : runs(face, text)) {
            c.setFont(run.font(), size);
            c.showText(run.text());
        }
        c.endText();
    }

    /**
     * The text split into runs of the font that has each character; a character neither has is
     * drawn as its base letter without accents when the main font has that, else as '?', so no
     * place name breaks the report (the CSV keeps the exact names). Other scripts (Thai, Arabic,
     * ...) fall back.
     */
    static List<Run> runs(Face face, String text) {
        List<Run> runs = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        PDFont[] font = {face.main()};
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            PDFont with;
            if (canEncode(face.main(), ch)) {
                with = face.main();
            } else if (canEncode(face.cjk(), ch)) {
                with = face.cjk();
            } else {
                with = face.main();
                String base = Normalizer.normalize(ch, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
                ch = !base.isEmpty() && canEncode(face.main(), base) ? base : "?";
            }
            if (with != font[0] && !current.isEmpty()) {
                runs.add(new Run(font[0], current.toString()));
                current.setLength(0);
            }
            font[0] = with;
            current.append(ch);
        });
        if (!current.isEmpty()) {
            runs.add(new Run(font[0], current.toString()));
        }
        return runs;
    }

    private static boolean canEncode(PDFont font, String text) {
        try {
            font.encode(text);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A TrueType font the build bundles (Noto Sans, SIL Open Font License 1.1), read once; each
     * PDF embeds the subset it uses, so the report looks the same on any host.
     */
    static final class BundledFont {
        private final String resource;
        private volatile byte @Nullable [] bytes;

        BundledFont(String resource) {
            this.resource = resource;
        }

        byte[] bytes() {
            byte[] b = bytes;
            if (b == null) {
                try (InputStream in = GeoReports.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException(
                                "The build bundles " + resource + " (fetch-fonts); it is missing");
                    }
                    b = in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + resource, e);
                }
                bytes = b;
            }
            return b;
        }
    }

    static final BundledFont REGULAR = new BundledFont("/fonts/noto-sans/400Regular/NotoSans_400Regular.ttf");
    static final BundledFont BOLD = new BundledFont("/fonts/noto-sans/700Bold/NotoSans_700Bold.ttf");
    static final BundledFont REGULAR_CJK = new BundledFont("/fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf");
    static final BundledFont BOLD_CJK = new BundledFont("/fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf");

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static byte[] id(String text) {
        try {
            return Arrays.copyOf(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

package io.waddleperf.license;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Command line for offline license files; needs nothing but this library's jar:
 *
 * <pre>
 * java -cp license-client.jar io.waddleperf.license.LicenseTool keygen --private-key FILE --public-key FILE
 * java -cp license-client.jar io.waddleperf.license.LicenseTool sign PAYLOAD.json --private-key FILE [--out FILE]
 * java -cp license-client.jar io.waddleperf.license.LicenseTool verify LICENSE_FILE --public-key FILE [--product NAME]
 * </pre>
 *
 * Exit status: 0 success, 1 the license or a key was refused or a file could not be read or
 * written, 2 wrong usage.
 */
public final class LicenseTool {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;

    private static final String HELP = """
            usage:
              LicenseTool keygen --private-key FILE --public-key FILE
              LicenseTool sign PAYLOAD.json --private-key FILE [--out FILE]
              LicenseTool verify LICENSE_FILE --public-key FILE [--product NAME]
            """;

    private LicenseTool() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, Clock.systemUTC()));
    }

    static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        try {
            if (args.length == 0) {
                throw new UsageError("no command given");
            }
            Arguments arguments = Arguments.parse(args);
            return switch (args[0]) {
                case "keygen" -> keygen(arguments, out);
                case "sign" -> sign(arguments, out, err, clock);
                case "verify" -> verify(arguments, out, clock);
                case "help", "-h", "--help" -> {
                    out.print(HELP);
                    yield OK;
                }
                default -> throw new UsageError("unknown command " + args[0]);
            };
        } catch (UsageError e) {
            err.println(e.getMessage());
            err.print(HELP);
            return USAGE;
        } catch (LicenseCheckFailed | IllegalArgumentException e) {
            err.println(e.getMessage());
            return REFUSED;
        } catch (FileAlreadyExistsException e) {
            err.println("refusing to overwrite " + e.getFile());
            return REFUSED;
        } catch (IOException e) {
            err.println("cannot access " + e.getMessage());
            return REFUSED;
        }
    }

    private static int keygen(Arguments arguments, PrintStream out) throws IOException {
        arguments.expect(0, Set.of("private-key", "public-key"), Set.of());
        Path privateFile = Path.of(arguments.option("private-key"));
        Path publicFile = Path.of(arguments.option("public-key"));
        KeyPair pair = LicenseSigningKeys.generate();
        createPrivate(privateFile);
        Files.writeString(privateFile, LicenseSigningKeys.toPem(pair.getPrivate()), StandardCharsets.US_ASCII);
        Files.writeString(publicFile, LicenseSigningKeys.toPem(pair.getPublic()), StandardCharsets.US_ASCII);
        out.println("wrote private key " + privateFile + " (keep it off the installations)");
        out.println("wrote public key " + publicFile + " (configure it where licenses are verified)");
        return OK;
    }

    private static int sign(Arguments arguments, PrintStream out, PrintStream err, Clock clock) throws IOException {
        arguments.expect(1, Set.of("private-key"), Set.of("out"));
        byte[] payload = Files.readAllBytes(Path.of(arguments.positional(0)));
        PrivateKey privateKey = key(arguments.option("private-key"), LicenseSigningKeys::readPrivateKey);
        String file = LicenseFile.sign(payload, privateKey);
        if (arguments.has("out")) {
            Files.writeString(
                    Path.of(arguments.option("out")), file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            out.println("wrote license file " + arguments.option("out"));
        } else {
            out.print(file);
        }
        warnIfExpired(payload, err, clock);
        return OK;
    }

    private static void warnIfExpired(byte[] payload, PrintStream err, Clock clock) {
        License issued = LicenseFile.readPayload(payload);
        if (issued.isExpiredAt(clock.instant())) {
            err.println("warning: this license expired at " + issued.expiresAt() + "; installations will refuse it");
        }
    }

    private static int verify(Arguments arguments, PrintStream out, Clock clock) throws IOException {
        arguments.expect(1, Set.of("public-key"), Set.of("product"));
        String file = Files.readString(Path.of(arguments.positional(0)), StandardCharsets.UTF_8);
        PublicKey publicKey = key(arguments.option("public-key"), LicenseSigningKeys::readPublicKey);
        String product = arguments.has("product") ? arguments.option("product") : LicenseClient.DEFAULT_PRODUCT;
        Instant now = clock.instant();
        License license = LicenseFile.verify(file, publicKey, product, now);
        describe(license, now, out);
        return OK;
    }

    private static <K> K key(String file, Function<String, K> reader) throws IOException {
        String text = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        try {
            return reader.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use key " + file + ": " + e.getMessage(), e);
        }
    }

    private static void describe(License license, Instant now, PrintStream out) {
        out.println("license file OK: signature verified");
        out.println("license id:   " + license.id());
        out.println("customer:     " + license.customer());
        out.println("product:      " + license.product());
        out.println("tier:         " + license.tier().wireName());
        out.println("issued at:    " + license.issuedAt().map(Instant::toString).orElse("not stated"));
        out.println("expires at:   " + license.expiresAt() + " ("
                + Duration.between(now, license.expiresAt()).toDays() + " days left)");
        out.println("max servers:  " + limit(license.limits().maxServers(), ""));
        out.println("max users:    " + limit(license.limits().maxUsers(), ""));
        out.println("retention:    " + limit(license.limits().dataRetentionDays(), " days"));
        out.println("features:     " + names(license.features(), true));
        out.println("not entitled: " + names(license.features(), false));
    }

    private static String limit(int value, String unit) {
        return value == Limits.UNLIMITED ? "unlimited" : value + unit;
    }

    private static String names(List<Feature> features, boolean entitled) {
        String names = features.stream()
                .filter(f -> f.entitled() == entitled)
                .map(f -> f.units() > 0 ? f.name() + " (" + f.units() + " units)" : f.name())
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "none" : names;
    }

    private static void createPrivate(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    private static final class UsageError extends RuntimeException {

        UsageError(String message) {
            super(message);
        }
    }

    /** {@code COMMAND [POSITIONAL...] [--name value...]}, in any order after the command. */
    private record Arguments(List<String> positionals, Map<String, String> options) {

        static Arguments parse(String[] args) {
            List<String> positionals = new ArrayList<>();
            Map<String, String> options = new HashMap<>();
            for (int i = 1; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new UsageError(args[i] + " needs a value");
                    }
                    if (options.put(args[i].substring(2), args[++i]) != null) {
                        throw new UsageError(args[i - 1] + " given twice");
                    }
                } else {
                    positionals.add(args[i]);
                }
            }
            return new Arguments(positionals, options);
        }

        void expect(int positionalCount, Set<String> required, Set<String> optional) {
            if (positionals.size() != positionalCount) {
                throw new UsageError("expected " + positionalCount + " file argument(s), got " + positionals.size());
            }
            for (String name : required) {
                if (!options.containsKey(name)) {
                    throw new UsageError("--" + name + " is required");
                }
            }
            for (String name : options.keySet()) {
                if (!required.contains(name) && !optional.contains(name)) {
                    throw new UsageError("unknown option --" + name);
                }
            }
        }

        String positional(int index) {
            return positionals.get(index);
        }

        String option(String name) {
            return options.get(name);
        }

        boolean has(String name) {
            return options.containsKey(name);
        }
    }
}

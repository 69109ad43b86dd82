package io.waddleperf.license;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys for offline license files, in the PEM forms OpenSSL uses: {@code PUBLIC KEY}
 * (X.509 SubjectPublicKeyInfo) and {@code PRIVATE KEY} (PKCS #8). Only the JDK's own provider is
 * needed.
 */
public final class LicenseSigningKeys {

    static final String ALGORITHM = "Ed25519";

    private LicenseSigningKeys() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK 15+ provides Ed25519", e);
        }
    }

    /**
     * Reads a public key from PEM or from the bare base64 of its SubjectPublicKeyInfo.
     *
     * @throws IllegalArgumentException naming why the text is not an Ed25519 public key
     */
    public static PublicKey readPublicKey(String text) {
        byte[] der = decode(text, "PUBLIC KEY");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (X.509 SubjectPublicKeyInfo)", e);
        }
    }

    /** Reads a PKCS #8 private key from PEM or bare base64. */
    public static PrivateKey readPrivateKey(String text) {
        byte[] der = decode(text, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an Ed25519 private key (PKCS #8)", e);
        }
    }

    public static String toPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String toPem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static byte[] decode(String text, String label) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("key text is empty");
        }
        String body = text.strip();
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        if (body.startsWith("-----BEGIN")) {
            int from = body.indexOf(begin);
            int to = body.indexOf(end);
            if (from != 0 || to < 0) {
                throw new IllegalArgumentException("expected a PEM block " + begin);
            }
            body = body.substring(begin.length(), to);
        }
        try {
            return Base64.getDecoder().decode(body.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key is not valid base64", e);
        }
    }
}

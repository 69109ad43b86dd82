package io.waddleperf.testserver.probes;

import io.waddleperf.protocol.HostPort;
import io.waddleperf.protocol.Latency;
import io.waddleperf.protocol.ProbeParams;
import io.waddleperf.protocol.ProbeProgress;
import io.waddleperf.protocol.ProbeResult;
import io.waddleperf.protocol.ProbeType;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Measures an SSH server up to the end of its key exchange, at the protocol level (RFC 4253):
 * connect, read the identification banner, swap KEXINIT, send an ECDH init and time the server's
 * KEX_ECDH_REPLY, which is where it does its Diffie-Hellman and signs the exchange hash with its
 * host key. Then it disconnects: no authentication, no credentials, nothing encrypted.
 *
 * <p>The probe offers curve25519 and NIST P-256 ECDH, which every maintained server supports, and
 * reports the negotiated algorithms and the host key's SHA-256 fingerprint as {@code ssh-keygen -l}
 * prints it.
 */
final class SshProbe implements Probe {

    private static final String CLIENT_VERSION = "SSH-2.0-WaddlePerf";
    private static final List<String> KEX =
            List.of("curve25519-sha256", "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256");
    private static final List<String> HOST_KEYS =
            List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa");
    private static final String CIPHERS =
            "aes128-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com,chacha20-poly1305@openssh.com";
    private static final String MACS = "hmac-sha2-256,hmac-sha2-512,hmac-sha2-256-etm@openssh.com";
    /** RFC 4253 §6.1: implementations must handle packets of at least 35000 bytes. */
    private static final int MAX_PACKET = 35_000;

    private static final int MSG_DISCONNECT = 1;
    private static final int MSG_KEXINIT = 20;
    private static final int MSG_KEX_ECDH_INIT = 30;
    private static final int MSG_KEX_ECDH_REPLY = 31;

    private final HostPort target;
    private final ProbeParams.Ssh params;
    private final SsrfGuard guard;
    private final SecureRandom random = new SecureRandom();
    private volatile String phase = "pending";

    SshProbe(HostPort target, ProbeParams.Ssh params, SsrfGuard guard) {
        this.target = target;
        this.params = params;
        this.guard = guard;
    }

    @Override
    public ProbeType type() {
        return ProbeType.SSH;
    }

    @Override
    public ProbeProgress progress() {
        return new ProbeProgress.Phase(phase);
    }

    @Override
    public ProbeResult.Ssh run() throws InterruptedException {
        InetAddress address = guard.resolve(target.host()).getFirst();
        try (Socket socket = new Socket()) {
            phase = "connect";
            long start = System.nanoTime();
            socket.connect(new InetSocketAddress(address, target.port()), params.timeoutMillis());
            long connected = System.nanoTime();
            socket.setSoTimeout(params.timeoutMillis());
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();

            phase = "banner";
            out.write((CLIENT_VERSION + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String banner = readBanner(in);
            long bannerAt = System.nanoTime();

            phase = "key-exchange";
            long kexStart = System.nanoTime();
            out.write(packet(kexInit()));
            out.flush();
            byte[] serverKexInit = readPacket(in, MSG_KEXINIT);
            List<List<String>> lists = nameLists(serverKexInit);
            String kex = firstCommon(KEX, lists.get(0), "key exchange");
            String hostKey = firstCommon(HOST_KEYS, lists.get(1), "host key");
            out.write(packet(ecdhInit(kex)));
            out.flush();
            byte[] reply = readPacket(in, MSG_KEX_ECDH_REPLY);
            long kexEnd = System.nanoTime();
            byte[] hostKeyBlob = readString(ByteBuffer.wrap(reply, 1, reply.length - 1));

            // Polite goodbye (reason 11, "by application"): without it sshd logs a protocol error.
            out.write(packet(disconnect()));
            out.flush();
            return new ProbeResult.Ssh(
                    target.toString(),
                    address.getHostAddress(),
                    target.port(),
                    banner,
                    Latency.millis(connected - start),
                    Latency.millis(bannerAt - connected),
                    kex,
                    hostKey,
                    fingerprint(hostKeyBlob),
                    Latency.millis(kexEnd - kexStart),
                    Latency.millis(kexEnd - start));
        } catch (SocketTimeoutException e) {
            throw new ProbeFailed("timeout", "SSH server " + target + " timed out during " + phase, e);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            throw new ProbeFailed(
                    "connect-failed", "SSH to " + target + " failed during " + phase + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new ProbeFailed("protocol-error", "cannot build an ECDH key: " + e.getMessage(), e);
        }
    }

    /** RFC 4253 §4.2: the server may send other lines before its identification string. */
    private String readBanner(InputStream in) throws IOException {
        for (int lines = 0; lines < 32; lines++) {
            String line = readLine(in);
            if (line.startsWith("SSH-")) {
                if (!line.startsWith("SSH-2.0-") && !line.startsWith("SSH-1.99-")) {
                    throw new ProbeFailed("protocol-error", target + " speaks only " + line);
                }
                return line;
            }
        }
        throw new ProbeFailed("protocol-error", target + " sent no SSH identification string");
    }

    private String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed before the SSH banner");
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= 255) {
                throw new ProbeFailed("protocol-error", target + " sent a line longer than 255 bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.US_ASCII);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private byte[] kexInit() {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(MSG_KEXINIT);
        byte[] cookie = new byte[16];
        random.nextBytes(cookie);
        payload.writeBytes(cookie);
        for (String list : List.of(
                String.join(",", KEX),
                String.join(",", HOST_KEYS),
                CIPHERS,
                CIPHERS,
                MACS,
                MACS,
                "none",
                "none",
                "",
                "")) {
            writeString(payload, list.getBytes(StandardCharsets.US_ASCII));
        }
        payload.write(0); // first_kex_packet_follows: no guessing
        payload.writeBytes(new byte[4]); // reserved
        return payload.toByteArray();
    }

    private byte[] ecdhInit(String kex) throws GeneralSecurityException {
        byte[] publicKey;
        if (kex.startsWith("curve25519")) {
            KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            byte[] encoded = pair.getPublic().getEncoded();
            // X.509 SubjectPublicKeyInfo for X25519 ends with the raw 32-byte u coordinate.
            publicKey = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        } else {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
            publicKey = new byte[65];
            publicKey[0] = 4; // uncompressed point (SEC1)
            System.arraycopy(unsigned32(key.getW().getAffineX().toByteArray()), 0, publicKey, 1, 32);
            System.arraycopy(unsigned32(key.getW().getAffineY().toByteArray()), 0, publicKey, 33, 32);
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(MSG_KEX_ECDH_INIT);
        writeString(payload, publicKey);
        return payload.toByteArray();
    }

    private static byte[] disconnect() {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(MSG_DISCONNECT);
        payload.writeBytes(ByteBuffer.allocate(4).putInt(11).array());
        writeString(payload, "probe finished".getBytes(StandardCharsets.US_ASCII));
        writeString(payload, new byte[0]);
        return payload.toByteArray();
    }

    /** A big-endian integer as exactly 32 bytes (BigInteger may add a sign byte or drop zeros). */
    private static byte[] unsigned32(byte[] value) {
        byte[] out = new byte[32];
        int copy = Math.min(32, value.length);
        System.arraycopy(value, value.length - copy, out, 32 - copy, copy);
        return out;
    }

    /** An unencrypted binary packet (RFC 4253 §6): length, padding length, payload, padding. */
    private byte[] packet(byte[] payload) {
        int padding = 8 - ((5 + payload.length) % 8);
        if (padding < 4) {
            padding += 8;
        }
        ByteBuffer packet = ByteBuffer.allocate(4 + 1 + payload.length + padding);
        packet.putInt(1 + payload.length + padding).put((byte) padding).put(payload);
        byte[] pad = new byte[padding];
        random.nextBytes(pad);
        packet.put(pad);
        return packet.array();
    }

    /** Reads packets until one of type {@code expected}, skipping IGNORE/DEBUG/EXT_INFO-style noise. */
    private byte[] readPacket(DataInputStream in, int expected) throws IOException {
        for (int skipped = 0; skipped < 16; skipped++) {
            int length = in.readInt();
            if (length < 5 || length > MAX_PACKET) {
                throw new ProbeFailed("protocol-error", target + " sent an SSH packet of length " + length);
            }
            byte[] body = new byte[length];
            in.readFully(body);
            int padding = body[0] & 0xff;
            if (padding >= length - 1) {
                throw new ProbeFailed("protocol-error", target + " sent a malformed SSH packet");
            }
            byte[] payload = Arrays.copyOfRange(body, 1, length - padding);
            int type = payload[0] & 0xff;
            if (type == expected) {
                return payload;
            }
            if (type == MSG_DISCONNECT) {
                throw new ProbeFailed("protocol-error", target + " disconnected during the key exchange");
            }
        }
        throw new ProbeFailed("protocol-error", target + " never sent SSH message " + expected);
    }

    /** The ten name-lists of a KEXINIT payload (after the type byte and the 16-byte cookie). */
    private List<List<String>> nameLists(byte[] kexInit) {
        ByteBuffer buffer = ByteBuffer.wrap(kexInit, 17, kexInit.length - 17);
        try {
            return IntStream.range(0, 10)
                    .mapToObj(i -> new String(readString(buffer), StandardCharsets.US_ASCII))
                    .map(list -> list.isEmpty() ? List.<String>of() : List.of(list.split(",")))
                    .toList();
        } catch (ProbeFailed e) {
            throw new ProbeFailed("protocol-error", target + " sent a malformed KEXINIT", e);
        }
    }

    private String firstCommon(List<String> ours, List<String> theirs, String what) {
        return ours.stream()
                .filter(theirs::contains)
                .findFirst()
                .orElseThrow(() -> new ProbeFailed(
                        "protocol-error", target + " offers no " + what + " algorithm this probe knows: " + theirs));
    }

    private static byte[] readString(ByteBuffer buffer) {
        int length = buffer.remaining() < 4 ? -1 : buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new ProbeFailed("protocol-error", "the server sent an SSH string longer than its packet");
        }
        byte[] value = new byte[length];
        buffer.get(value);
        return value;
    }

    private static void writeString(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
        out.writeBytes(value);
    }

    private static String fingerprint(byte[] hostKeyBlob) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(hostKeyBlob);
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    }
}

package org.compliancekit.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Recomputes hashes and checks signatures from {@code docs/audit-chain.md} alone: the encoding below is written
 * from the document with the JDK only, never calling the production encoder, and the document's tables are read to
 * make sure they still list the fields in the order used here.
 */
class AuditChainDocumentTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "audit-chain.md");

    @Test
    void theDocumentListsTheFieldsInTheOrderRecomputedHere() throws IOException {
        String doc = Files.readString(DOCUMENT);
        assertThat(tableNames(section(doc, "## Record hash"))).containsExactly("format", "sequence", "occurred at",
                "type", "status", "actor", "summary", "details", "duration", "dry run", "previous hash");
        assertThat(tableNames(section(doc, "## Checkpoints"))).containsExactly("format", "sequence", "head hash",
                "created at", "key id");
        assertThat(doc).contains("`compliancekit-audit-chain/1`").contains("`compliancekit-audit-checkpoint/1`");
    }

    @Test
    void everyStoredHashRecomputesFromTheDocument() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T09:05:00.000120999Z"), ZoneOffset.UTC);
        InMemoryAuditLog log = InMemoryAuditLog.builder(clock).build();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("zeta", List.of(1, 2.50, "tab\there"));
        details.put("Alpha", Map.of("é", true));
        details.put("nothing", null);
        log.append(new AuditEvent("data_export", AuditStatus.PARTIAL, "Zoë", "line: one", details,
                Duration.ofMillis(1234), true));
        log.append(AuditEvent.of("backup", AuditStatus.COMPLETED, null, ""));

        String previous = "0".repeat(64);
        for (ChainRow row : log.storedRows()) {
            String recomputed = sha256Hex(fields(
                    "compliancekit-audit-chain/1",
                    Long.toString(row.sequence()),
                    DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC)
                            .format(row.occurredAt()),
                    row.type(), row.status(), row.actor(), row.summary(), row.detailsJson(),
                    Long.toString(row.durationNanos()), Boolean.toString(row.dryRun()), previous));
            assertThat(row.previousHash()).isEqualTo(previous);
            assertThat(row.hash()).isEqualTo(recomputed);
            previous = recomputed;
        }
        ChainRow first = log.storedRows().get(0);
        assertThat(first.detailsJson()).isEqualTo("{\"Alpha\":{\"é\":true},\"nothing\":null,\"zeta\":[1,2.5,\"tab\\there\"]}");
        assertThat(AuditChain.formatTime(first.occurredAt())).isEqualTo("2026-11-23T09:05:00.000120Z");
        assertThat(first.durationNanos()).isEqualTo(1_234_000_000L);
    }

    @Test
    void theDocumentsTestVectorIsWhatTheLogProduces() throws IOException {
        Matcher vector = Pattern.compile("Test vector: .*?is\\s+`([0-9a-f]{64})`", Pattern.DOTALL)
                .matcher(Files.readString(DOCUMENT));
        assertThat(vector.find()).isTrue();
        ChainRow row = AuditChain.link(7, Instant.parse("2026-11-23T09:05:00.000120Z"),
                new AuditEvent("data_export", AuditStatus.PARTIAL, "Zoë", "a: b\nc", Map.of("n", 2, "k", "v"),
                        Duration.ofMillis(5), true), "ab".repeat(32));
        assertThat(row.summary()).isEqualTo("a: b c");
        assertThat(row.detailsJson()).isEqualTo("{\"k\":\"v\",\"n\":2}");
        assertThat(row.hash()).isEqualTo(vector.group(1));
    }

    @Test
    void theFieldEncodingMatchesTheDocumentsExamples() {
        assertThat(new String(fields("backup"), StandardCharsets.UTF_8)).isEqualTo("6:backup\n");
        assertThat(new String(fields(""), StandardCharsets.UTF_8)).isEqualTo("0:\n");
        assertThat(new String(fields("Zoë"), StandardCharsets.UTF_8)).isEqualTo("4:Zoë\n");
        assertThat(new String(fields((String) null), StandardCharsets.UTF_8)).isEqualTo("-\n");
    }

    @Test
    void aCheckpointVerifiesWithThePublicKeyAndTheDocumentedStatement() throws Exception {
        CheckpointSigner signer = CheckpointSigner.generate("ops-2026");
        Checkpoint c = signer.sign(42, "ab".repeat(32), Instant.parse("2026-01-02T03:04:05.678901234Z"));
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(signer.verifier().publicKeyBase64())));
        Signature ed = Signature.getInstance("Ed25519");
        ed.initVerify(key);
        ed.update(fields("compliancekit-audit-checkpoint/1", "42", "ab".repeat(32), "2026-01-02T03:04:05.678901Z",
                "ops-2026"));
        assertThat(ed.verify(Base64.getDecoder().decode(c.signature()))).isTrue();
    }

    private static byte[] fields(String... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String v : values) {
            if (v == null) {
                out.writeBytes("-\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                out.writeBytes((b.length + ":").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(b);
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    private static String sha256Hex(byte[] message) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(message));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String section(String doc, String heading) {
        int start = doc.indexOf(heading);
        assertThat(start).as("section %s", heading).isNotNegative();
        int end = doc.indexOf("\n## ", start + heading.length());
        return end < 0 ? doc.substring(start) : doc.substring(start, end);
    }

    /** The "field" column of the first table whose rows start with a number. */
    private static List<String> tableNames(String section) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\| (\\d+) \\| ([^|]+?) \\|").matcher(section);
        while (m.find()) {
            names.add(m.group(2));
        }
        return names;
    }
}

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
        assertThat(tableNames(section(doc, "## Format version 2"))).containsExactly("format", "name", "value", "salt",
                "personal count", "name 1", "commitment 1");
        assertThat(doc).contains("`compliancekit-audit-chain/2`").contains("`compliancekit-audit-commitment/1`");
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
        log.append(AuditEvent.of("backup", AuditStatus.COMPLETED, null, "")
                .withPersonalField("ip", "2001:db8::7").withPersonalField("user_agent", "Zoë's browser \"1\""));
        log.erasePersonalFieldsBefore(clock.instant().plusSeconds(1), java.util.Set.of("ip"));

        String previous = "0".repeat(64);
        for (ChainRow row : log.storedRows()) {
            assertThat(row.version()).isEqualTo(2);
            List<String> message = new ArrayList<>(java.util.Arrays.asList(
                    "compliancekit-audit-chain/2",
                    Long.toString(row.sequence()),
                    DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC)
                            .format(row.occurredAt()),
                    row.type(), row.status(), row.actor(), row.summary(),
                    row.detailsJson(), Long.toString(row.durationNanos()), Boolean.toString(row.dryRun()), previous));
            message.addAll(personalFields(row.personalJson()));
            String recomputed = sha256Hex(fields(message.toArray(String[]::new)));
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
        assertThat(AuditChain.hash(version1(row, ""))).isEqualTo(vector.group(1));
    }

    @Test
    void theDocumentsVersion2VectorIsWhatTheCodeComputesBeforeAndAfterErasure() throws IOException {
        String doc = section(Files.readString(DOCUMENT), "## Format version 2");
        List<String> hexes = new ArrayList<>();
        Matcher m = Pattern.compile("`([0-9a-f]{64})`").matcher(doc.substring(doc.indexOf("### Test vector")));
        while (m.find()) {
            hexes.add(m.group(1));
        }
        // In document order: ip's salt, ip's commitment, subject_ref's commitment, the hash, the hash without fields.
        assertThat(hexes).hasSize(5);
        String ipSalt = HexFormat.of().formatHex(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
            17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31});
        String subjectSalt = "ff".repeat(32);
        assertThat(hexes.get(0)).isEqualTo(ipSalt);
        assertThat(AuditChain.commitment("ip", "203.0.113.7", ipSalt)).isEqualTo(hexes.get(1))
                .isEqualTo(sha256Hex(fields("compliancekit-audit-commitment/1", "ip", "203.0.113.7", ipSalt)));
        assertThat(AuditChain.commitment("subject_ref", "42", subjectSalt)).isEqualTo(hexes.get(2));

        ChainRow linked = AuditChain.link(7, Instant.parse("2026-11-23T09:05:00.000120Z"),
                new AuditEvent("data_export", AuditStatus.PARTIAL, "Zoë", "a: b\nc", Map.of("n", 2, "k", "v"),
                        Duration.ofMillis(5), true), "ab".repeat(32));
        assertThat(linked.hash()).isEqualTo(hexes.get(4));
        String stored = "{\"subject_ref\":{\"commitment\":\"" + hexes.get(2) + "\",\"salt\":\"" + subjectSalt
                + "\",\"value\":\"42\"},\"ip\":{\"commitment\":\"" + hexes.get(1) + "\",\"salt\":\"" + ipSalt
                + "\",\"value\":\"203.0.113.7\"}}";
        String erased = "{\"ip\":{\"commitment\":\"" + hexes.get(1) + "\",\"erased_at\":\"2026-12-01T02:00:00.000000Z\"},"
                + "\"subject_ref\":{\"commitment\":\"" + hexes.get(2) + "\"}}";
        ChainRow present = withPersonal(linked, stored);
        assertThat(AuditChain.hash(present)).isEqualTo(hexes.get(3));
        assertThat(AuditChain.hash(withPersonal(linked, erased))).isEqualTo(hexes.get(3));
        assertThat(sha256Hex(fields("compliancekit-audit-chain/2", "7", "2026-11-23T09:05:00.000120Z", "data_export",
                "partial", "Zoë", "a: b c", "{\"k\":\"v\",\"n\":2}", "5000000", "true", "ab".repeat(32), "2", "ip",
                hexes.get(1), "subject_ref", hexes.get(2)))).isEqualTo(hexes.get(3));
        assertThat(present.toRecord().event().personal()).containsEntry("ip", "203.0.113.7")
                .containsEntry("subject_ref", "42");
        assertThat(withPersonal(linked, erased).toRecord().event().personal()).containsEntry("ip", null);
    }

    private static ChainRow version1(ChainRow row, String hash) {
        return new ChainRow(row.sequence(), row.occurredAt(), row.type(), row.status(), row.actor(), row.summary(),
                row.detailsJson(), row.durationNanos(), row.dryRun(), row.previousHash(), hash);
    }

    private static ChainRow withPersonal(ChainRow row, String personalJson) {
        return new ChainRow(row.sequence(), row.occurredAt(), row.type(), row.status(), row.actor(), row.summary(),
                row.detailsJson(), row.durationNanos(), row.dryRun(), row.previousHash(), row.hash(), 2, personalJson);
    }

    /** The version 2 message fields after the previous hash, from the stored personal text, as the document says. */
    private static List<String> personalFields(String personalJson) {
        List<String> out = new ArrayList<>();
        if (personalJson == null) {
            out.add("0");
            return out;
        }
        try {
            Map<String, Map<String, String>> parsed = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                    personalJson, new com.fasterxml.jackson.core.type.TypeReference<java.util.TreeMap<String,
                            Map<String, String>>>() { });
            out.add(Integer.toString(parsed.size()));
            parsed.forEach((name, f) -> {
                if (f.get("value") != null) {
                    assertThat(sha256Hex(fields("compliancekit-audit-commitment/1", name, f.get("value"),
                            f.get("salt")))).isEqualTo(f.get("commitment"));
                }
                out.add(name);
                out.add(f.get("commitment"));
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
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

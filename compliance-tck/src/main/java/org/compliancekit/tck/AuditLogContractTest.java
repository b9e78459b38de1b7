package org.compliancekit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.compliancekit.audit.AuditChain;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRange;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditRedactor;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.audit.AuditVerification;
import org.compliancekit.audit.ChainBreak;
import org.compliancekit.audit.Checkpoint;
import org.compliancekit.audit.PersonalFieldErasure;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.audit.PruneResult;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link org.compliancekit.audit.AuditLog} promises. An implementation's test extends this class
 * and creates a new, empty log per call of {@link #create}; {@link #storedContent()} exposes what reached storage so
 * that redaction is proven on the stored bytes, not on the returned records.
 */
public abstract class AuditLogContractTest {

    /** The email address and phone number that must never reach storage. */
    protected static final String CANARY_EMAIL = "canary.7f3a@example.org";
    protected static final String CANARY_PHONE = "+1 (555) 013-7788";

    /** A new, empty log using exactly these collaborators. */
    protected abstract AuditLog create(Clock clock, CheckpointSigner signer, AuditRedactor redactor);

    /** Everything the last created log stored (every column of every row and checkpoint), as text. */
    protected abstract String storedContent();

    /**
     * Replaces the stored personal-fields text of record {@code sequence} (the {@code personal} column) with
     * {@code edit}'s result, directly in storage, as someone with access to it but not to the log would.
     */
    protected abstract void editStoredPersonal(long sequence, UnaryOperator<String> edit);

    /** Appender threads in the concurrency test. */
    protected int concurrentAppenders() {
        return 4;
    }

    /** Events each appender appends in the concurrency test. */
    protected int eventsPerAppender() {
        return 50;
    }

    protected final StepClock clock = new StepClock(Instant.parse("2026-03-01T10:00:00.123456789Z"));
    protected final CheckpointSigner signer = CheckpointSigner.generate("audit-test-1");
    private AuditLog log;

    @BeforeEach
    void createLog() {
        log = create(clock, signer, AuditRedactor.forPiiMap(PiiMap.builder()
                .table("users", t -> t.subjectId("id").field("email", Strategy.nulled()).field("full_name", Strategy.nulled()))
                .build()));
    }

    /** The log of the current test. */
    protected final AuditLog log() {
        return log;
    }

    @Test
    void appendAssignsGapFreeSequencesChainedFromTheGenesis() {
        AuditRecord first = log.append(event("backup"));
        AuditRecord second = log.append(event("data_export"));
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo(AuditChain.GENESIS_HASH);
        assertThat(first.hash()).matches("[0-9a-f]{64}");
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.previousHash()).isEqualTo(first.hash());
    }

    @Test
    void recordCarriesTheEventAndTheClockTimeInMicroseconds() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tables", List.of("orders", "users"));
        details.put("rows", 1234L);
        details.put("ratio", new BigDecimal("0.25"));
        details.put("nested", Map.of("ok", true, "none", "n/a"));
        details.put("missing", null);
        AuditEvent event = new AuditEvent("pii_deletion", AuditStatus.PARTIAL, "admin-42", "erased subject",
                details, Duration.ofMillis(1500), true);
        Instant before = clock.instant();
        AuditRecord record = log.append(event);
        // The clock ticks one microsecond per reading and carries sub-microsecond nanos the log must drop.
        assertThat(before.getNano() % 1000).isNotZero();
        assertThat(record.occurredAt()).isEqualTo(AuditChain.truncate(before).plusNanos(1000));
        assertThat(record.event().type()).isEqualTo("pii_deletion");
        assertThat(record.event().status()).isEqualTo(AuditStatus.PARTIAL);
        assertThat(record.event().actor()).isEqualTo("admin-42");
        assertThat(record.event().summary()).isEqualTo("erased subject");
        assertThat(record.event().duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(record.event().dryRun()).isTrue();
        assertThat(record.event().details()).containsEntry("tables", List.of("orders", "users"))
                .containsEntry("missing", null).containsKey("nested");
        assertThat(((Number) record.event().details().get("rows")).longValue()).isEqualTo(1234L);
        assertThat(new BigDecimal(record.event().details().get("ratio").toString())).isEqualByComparingTo("0.25");

        AuditRecord stored = log.query(AuditQuery.all()).get(0);
        assertThat(stored.hash()).isEqualTo(record.hash());
        assertThat(stored.event().details()).isEqualTo(record.event().details());
        assertThat(stored.event().actor()).isEqualTo("admin-42");
    }

    @Test
    void systemEventsHaveNoActor() {
        AuditRecord record = log.append(AuditEvent.of("backup_cleanup", AuditStatus.COMPLETED, null, "nightly"));
        assertThat(record.event().actor()).isNull();
        assertThat(log.query(AuditQuery.all()).get(0).event().actor()).isNull();
        assertThat(log.verify().valid()).isTrue();
    }

    @Test
    void appendAllIsOneContiguousRunInOrder() {
        log.append(event("backup"));
        List<AuditRecord> records = log.appendAll(List.of(event("a_one"), event("a_two"), event("a_three")));
        assertThat(records).extracting(AuditRecord::sequence).containsExactly(2L, 3L, 4L);
        assertThat(records).extracting(r -> r.event().type()).containsExactly("a_one", "a_two", "a_three");
        assertThat(records.get(1).previousHash()).isEqualTo(records.get(0).hash());
        assertThat(log.appendAll(List.of())).isEmpty();
        assertThat(log.verify().valid()).isTrue();
    }

    @Test
    void aRejectedEventLeavesNothingOfItsBatch() {
        log.append(event("backup"));
        List<AuditEvent> batch = Arrays.asList(event("ok_one"), null, event("ok_two"));
        assertThatThrownBy(() -> log.appendAll(batch)).isInstanceOf(NullPointerException.class);
        assertThat(log.query(AuditQuery.all())).hasSize(1);
        assertThat(log.append(event("after")).sequence()).isEqualTo(2);
        assertThat(log.verify().valid()).isTrue();
    }

    @Test
    void queryPagesNewestFirstByKeyset() {
        for (int i = 0; i < 25; i++) {
            log.append(event("backup"));
        }
        List<Long> seen = new ArrayList<>();
        AuditQuery q = AuditQuery.all().withLimit(10);
        for (List<AuditRecord> page = log.query(q); !page.isEmpty();
                page = log.query(q.before(page.get(page.size() - 1).sequence()))) {
            assertThat(page.size()).isLessThanOrEqualTo(10);
            page.forEach(r -> seen.add(r.sequence()));
        }
        assertThat(seen).hasSize(25).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(seen.get(0)).isEqualTo(25);
    }

    @Test
    void queryFiltersByTypeStatusActorAndTime() {
        Instant start = clock.instant();
        log.append(AuditEvent.of("backup", AuditStatus.COMPLETED, null, "b"));
        log.append(AuditEvent.of("permission_change", AuditStatus.SUCCESS, "alice", "p"));
        clock.advance(Duration.ofHours(1));
        Instant later = clock.instant();
        log.append(AuditEvent.of("permission_change", AuditStatus.FAILED, "bob", "p2"));
        log.append(AuditEvent.of("backup", AuditStatus.PARTIAL, null, "b2"));

        assertThat(types(log.query(AuditQuery.all().withTypes("backup")))).containsExactly("backup", "backup");
        assertThat(log.query(AuditQuery.all().withStatuses(AuditStatus.FAILED, AuditStatus.SUCCESS)))
                .extracting(r -> r.event().actor()).containsExactly("bob", "alice");
        assertThat(log.query(AuditQuery.all().withActor("alice"))).extracting(AuditRecord::sequence).containsExactly(2L);
        assertThat(log.query(AuditQuery.all().between(later, null))).extracting(AuditRecord::sequence)
                .containsExactly(4L, 3L);
        assertThat(log.query(AuditQuery.all().between(start, later))).extracting(AuditRecord::sequence)
                .containsExactly(2L, 1L);
        assertThat(log.query(AuditQuery.all().withTypes("permission_change").withStatuses(AuditStatus.FAILED)))
                .extracting(AuditRecord::sequence).containsExactly(3L);
        assertThat(log.query(AuditQuery.all().withTypes("nothing_like_this"))).isEmpty();
    }

    @Test
    void anEmptyChainVerifies() {
        AuditVerification v = log.verify();
        assertThat(v.valid()).isTrue();
        assertThat(v.recordsChecked()).isZero();
        Checkpoint empty = log.checkpoint();
        assertThat(empty.sequence()).isZero();
        assertThat(empty.headHash()).isEqualTo(AuditChain.GENESIS_HASH);
        assertThat(log.verify().valid()).isTrue();
    }

    @Test
    void anUntouchedChainVerifiesWholeAndInRanges() {
        for (int i = 0; i < 30; i++) {
            log.append(event("backup"));
        }
        AuditVerification all = log.verify();
        assertThat(all.valid()).isTrue();
        assertThat(all.recordsChecked()).isEqualTo(30);
        assertThat(all.lastSequence()).isEqualTo(30);
        AuditVerification part = log.verify(AuditRange.sequences(10, 19));
        assertThat(part.valid()).isTrue();
        assertThat(part.fromSequence()).isEqualTo(10);
        assertThat(part.lastSequence()).isEqualTo(19);
        assertThat(part.recordsChecked()).isEqualTo(10);
        assertThat(log.verify(AuditRange.sequences(31, 40)).recordsChecked()).isZero();
    }

    @Test
    void checkpointSignsTheHeadVerifiableWithThePublicKeyAlone() {
        log.append(event("backup"));
        AuditRecord head = log.append(event("backup"));
        clock.advance(Duration.ofMinutes(5));
        Checkpoint c = log.checkpoint();
        assertThat(c.sequence()).isEqualTo(2);
        assertThat(c.headHash()).isEqualTo(head.hash());
        assertThat(c.keyId()).isEqualTo("audit-test-1");
        assertThat(c.createdAt()).isAfter(head.occurredAt().plus(Duration.ofMinutes(5))).isBefore(clock.instant());
        assertThat(signer.verifier().verify(c)).isTrue();
        assertThat(CheckpointSigner.generate("audit-test-1").verifier().verify(c)).isFalse();

        log.append(event("backup"));
        AuditVerification v = log.verify();
        assertThat(v.valid()).isTrue();
        assertThat(v.checkpointsChecked()).isEqualTo(1);
        // A log with a signer says so, so that callers can checkpoint at the end of every operation.
        assertThat(log.signsCheckpoints()).isTrue();
    }

    @Test
    void checkpointsHeldOutsideAreCheckedTogetherAndInOrder() {
        log.append(event("backup"));
        Checkpoint first = log.checkpoint();
        log.append(event("backup"));
        Checkpoint second = log.checkpoint();
        AuditVerification v = log.verify(AuditRange.all().against(List.of(first, second)));
        assertThat(v.valid()).isTrue();
        assertThat(v.checkpointsChecked()).isEqualTo(4);
        Checkpoint foreign = CheckpointSigner.generate("audit-test-1").sign(second.sequence(), second.headHash(),
                second.createdAt());
        assertThat(log.verify(AuditRange.all().against(List.of(first, foreign))).firstBreak().reason())
                .isEqualTo(ChainBreak.Reason.BAD_SIGNATURE);
    }

    @Test
    void anExternalCheckpointMustBeSignedAndAgree() {
        log.append(event("backup"));
        Checkpoint good = log.checkpoint();
        assertThat(log.verify(AuditRange.all().against(good)).valid()).isTrue();

        Checkpoint edited = new Checkpoint(good.sequence(), "f".repeat(64), good.createdAt(), good.keyId(), good.signature());
        ChainBreak badSignature = log.verify(AuditRange.all().against(edited)).firstBreak();
        assertThat(badSignature.reason()).isEqualTo(ChainBreak.Reason.BAD_SIGNATURE);
        assertThat(badSignature.sequence()).isEqualTo(1);

        Checkpoint otherChain = signer.sign(1, "e".repeat(64), clock.instant());
        ChainBreak mismatch = log.verify(AuditRange.all().against(otherChain)).firstBreak();
        assertThat(mismatch.reason()).isEqualTo(ChainBreak.Reason.CHECKPOINT_MISMATCH);
        assertThat(mismatch.sequence()).isEqualTo(1);

        Checkpoint beyond = signer.sign(5, "d".repeat(64), clock.instant());
        ChainBreak cut = log.verify(AuditRange.all().against(beyond)).firstBreak();
        assertThat(cut.reason()).isEqualTo(ChainBreak.Reason.CHECKPOINT_MISMATCH);
        assertThat(cut.sequence()).isEqualTo(2);
        assertThat(cut.explanation()).contains("cut from the tail");
    }

    @Test
    void pruneMakesTheCutPointTheSignedGenesisAndRecordsItself() {
        for (int i = 0; i < 5; i++) {
            log.append(event("backup"));
        }
        clock.advance(Duration.ofDays(400));
        Instant cutoff = clock.instant();
        log.append(event("backup"));
        log.append(event("backup"));

        PruneResult result = log.prune(cutoff);
        assertThat(result.throughSequence()).isEqualTo(5);
        assertThat(result.deletedRecords()).isEqualTo(5);
        Checkpoint genesis = result.genesisCheckpoint().orElseThrow();
        assertThat(genesis.sequence()).isEqualTo(5);
        assertThat(signer.verifier().verify(genesis)).isTrue();
        AuditRecord pruneRecord = result.pruneRecord().orElseThrow();
        assertThat(pruneRecord.sequence()).isEqualTo(8);
        assertThat(pruneRecord.event().type()).isEqualTo(AuditEvent.TYPE_CONFIG_CHANGE);
        assertThat(pruneRecord.event().details()).containsEntry("action", "audit_prune");
        assertThat(((Number) pruneRecord.event().details().get("through_sequence")).longValue()).isEqualTo(5);

        List<AuditRecord> left = log.query(AuditQuery.all());
        assertThat(left).extracting(AuditRecord::sequence).containsExactly(8L, 7L, 6L);
        assertThat(left.get(2).previousHash()).isEqualTo(genesis.headHash());
        AuditVerification v = log.verify();
        assertThat(v.valid()).isTrue();
        assertThat(v.fromSequence()).isEqualTo(6);
        assertThat(v.recordsChecked()).isEqualTo(3);

        assertThat(log.append(event("backup")).sequence()).isEqualTo(9);
        assertThat(log.verify().valid()).isTrue();
    }

    @Test
    void pruneWithNothingOldEnoughChangesNothing() {
        log.append(event("backup"));
        PruneResult result = log.prune(Instant.parse("2000-01-01T00:00:00Z"));
        assertThat(result.deletedRecords()).isZero();
        assertThat(result.pruneRecord()).isEmpty();
        assertThat(log.query(AuditQuery.all())).hasSize(1);
    }

    @Test
    void pruneTwiceKeepsTheChainVerifiable() {
        log.append(event("backup"));
        clock.advance(Duration.ofDays(1));
        log.prune(clock.instant());
        clock.advance(Duration.ofDays(1));
        log.append(event("backup"));
        clock.advance(Duration.ofDays(1));
        PruneResult second = log.prune(clock.instant());
        assertThat(second.throughSequence()).isEqualTo(3);
        assertThat(log.query(AuditQuery.all())).extracting(AuditRecord::sequence).containsExactly(4L);
        assertThat(log.verify().valid()).isTrue();
    }

    @Test
    void canaryEmailAndPhoneNeverReachStorage() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("recipient", CANARY_EMAIL);
        details.put("note", "called " + CANARY_PHONE + " about it");
        details.put("contacts", List.of(Map.of("phone", CANARY_PHONE)));
        details.put("email", "not-an-address-but-a-pii-column");
        details.put("client_ip", "203.0.113.77");
        details.put("when", "2026-03-01T10:00:00Z");
        details.put("rows", 12);
        AuditRecord record = log.append(new AuditEvent("data_export", AuditStatus.SUCCESS, "operator-9",
                "export sent to " + CANARY_EMAIL, details, Duration.ZERO, false));
        log.checkpoint();

        String stored = storedContent();
        assertThat(stored).doesNotContain(CANARY_EMAIL).doesNotContain("canary.7f3a").doesNotContain("013-7788")
                .doesNotContain("not-an-address-but-a-pii-column").doesNotContain("203.0.113.77")
                .contains("operator-9").contains(AuditRedactor.EMAIL).contains(AuditRedactor.PHONE)
                .contains("2026-03-01T10:00:00Z");
        assertThat(record.event().actor()).isEqualTo("operator-9");
        assertThat(record.event().details()).containsEntry("recipient", AuditRedactor.EMAIL)
                .containsEntry("email", AuditRedactor.PII).containsEntry("client_ip", AuditRedactor.IP);
        assertThat(record.event().summary()).isEqualTo("export sent to " + AuditRedactor.EMAIL);
        assertThat(log.verify().valid()).isTrue();
    }

    @Test
    void concurrentAppendersProduceOneValidChain() throws Exception {
        int threads = concurrentAppenders();
        int each = eventsPerAppender();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    int appended = 0;
                    while (appended < each) {
                        if (appended % 10 == 8 && appended + 2 <= each) {
                            log.appendAll(List.of(event("batch_" + id), event("batch_" + id)));
                            appended += 2;
                        } else {
                            log.append(event("single_" + id));
                            appended++;
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        AuditVerification v = log.verify();
        assertThat(v.firstBreak()).isNull();
        assertThat(v.recordsChecked()).isEqualTo((long) threads * each);
    }

    @Test
    void rejectsEventsThatCannotBeChained() {
        assertThatThrownBy(() -> log.append(event("backup").withDuration(Duration.ofSeconds(-1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
        assertThat(log.query(AuditQuery.all())).isEmpty();
    }

    @Test
    void personalFieldsAreStoredAsGivenAndReadBack() {
        AuditRecord record = log.append(login("203.0.113.9", "subject-1"));

        assertThat(record.event().personal()).containsEntry("ip", "203.0.113.9")
                .containsEntry(AuditEvent.SUBJECT_REF, "subject-1").containsEntry("user_agent", "Firefox/1.0");
        assertThat(log.query(AuditQuery.all()).get(0).event().personal()).isEqualTo(record.event().personal());
        // Not redacted: personal fields are the erasable place for such values.
        assertThat(storedContent()).contains("203.0.113.9");
        assertThat(log.verify().valid()).isTrue();
    }

    @Test
    void erasingASubjectsPersonalFieldsKeepsTheChainVerifiable() {
        log.append(login("203.0.113.7", "subject-7"));
        log.append(login("198.51.100.1", "subject-8"));
        log.append(event("backup"));
        log.append(login("192.0.2.44", "subject-7"));
        log.checkpoint();
        assertThat(storedContent()).contains("203.0.113.7").contains("192.0.2.44");

        PersonalFieldErasure erased = log.erasePersonalFields("subject-7");

        assertThat(erased.records()).isEqualTo(2);
        assertThat(erased.fields()).isEqualTo(6);
        AuditRecord erasure = erased.erasureRecord().orElseThrow();
        assertThat(erasure.sequence()).isEqualTo(5);
        assertThat(erasure.event().type()).isEqualTo(AuditEvent.TYPE_PERSONAL_FIELD_ERASURE);
        assertThat(((Number) erasure.event().details().get("erased_records")).longValue()).isEqualTo(2);
        String stored = storedContent();
        assertThat(stored).doesNotContain("203.0.113.7").doesNotContain("192.0.2.44").doesNotContain("subject-7")
                .contains("198.51.100.1").contains("subject-8");
        AuditVerification v = log.verify();
        assertThat(v.firstBreak()).isNull();
        assertThat(v.recordsChecked()).isEqualTo(5);
        Map<Long, Map<String, String>> personal = new java.util.HashMap<>();
        log.query(AuditQuery.all()).forEach(r -> personal.put(r.sequence(), r.event().personal()));
        assertThat(personal.get(1L)).containsOnlyKeys("ip", "subject_ref", "user_agent").containsEntry("ip", null)
                .containsEntry("subject_ref", null);
        assertThat(personal.get(2L)).containsEntry("ip", "198.51.100.1");
        assertThat(log.erasePersonalFields("subject-7")).isEqualTo(PersonalFieldErasure.nothing());
    }

    @Test
    void erasingByAgeErasesOnlyTheNamedFieldsOfOlderRecords() {
        log.append(login("203.0.113.7", "subject-7"));
        Instant cut = clock.instant();
        log.append(login("198.51.100.1", "subject-8"));

        PersonalFieldErasure erased = log.erasePersonalFieldsBefore(cut, java.util.Set.of("ip"));

        assertThat(erased.records()).isEqualTo(1);
        assertThat(erased.fields()).isEqualTo(1);
        assertThat(storedContent()).doesNotContain("203.0.113.7").contains("subject-7").contains("198.51.100.1");
        assertThat(log.verify().valid()).isTrue();
        assertThat(log.erasePersonalFieldsBefore(cut, java.util.Set.of()).fields()).isEqualTo(2);
        assertThat(log.verify().valid()).isTrue();
    }

    @Test
    void everyChangeToPersonalFieldsButErasureIsDetected() {
        log.append(event("backup"));
        log.append(login("203.0.113.7", "subject-7"));
        log.append(event("backup"));
        Map<String, UnaryOperator<String>> edits = new LinkedHashMap<>();
        edits.put("a value edited", p -> p.replace("203.0.113.7", "203.0.113.8"));
        edits.put("a salt edited", p -> flipFirstHex(p, "salt"));
        edits.put("a commitment edited", p -> flipFirstHex(p, "commitment"));
        edits.put("a field removed", p -> p.replaceFirst("\"ip\":\\{[^}]*\\},", ""));
        edits.put("a field renamed", p -> p.replace("\"user_agent\":", "\"user_agent2\":"));
        edits.put("the text made unreadable", p -> p.substring(1));
        for (Map.Entry<String, UnaryOperator<String>> edit : edits.entrySet()) {
            String[] original = new String[1];
            editStoredPersonal(2, p -> {
                original[0] = p;
                String changed = edit.getValue().apply(p);
                assertThat(changed).as(edit.getKey()).isNotEqualTo(p);
                return changed;
            });
            ChainBreak b = log.verify().firstBreak();
            assertThat(b).as(edit.getKey()).isNotNull();
            assertThat(b.sequence()).as(edit.getKey()).isEqualTo(2);
            assertThat(b.reason()).as(edit.getKey()).isEqualTo(ChainBreak.Reason.HASH_MISMATCH);
            assertThat(b.explanation()).doesNotContain("203.0.113").doesNotContain("subject-7");
            editStoredPersonal(2, p -> original[0]);
            assertThat(log.verify().valid()).as("restored after " + edit.getKey()).isTrue();
        }
        // Erased outside the API (value and salt dropped, commitment kept): accepted, by design.
        editStoredPersonal(2, p -> p.replaceAll("\"salt\":\"[0-9a-f]{64}\",\"value\":\"[^\"]*\"", "")
                .replace(",}", "}"));
        assertThat(log.verify().valid()).isTrue();
        assertThat(log.query(AuditQuery.all()).get(1).event().personal()).containsEntry("ip", null);
    }

    @Test
    void rejectsPersonalFieldsThatCannotBeStored() {
        assertThatThrownBy(() -> event("login").withPersonalField("IP address", "203.0.113.7"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IP address");
        Map<String, String> withoutValue = new java.util.HashMap<>();
        withoutValue.put("ip", null);
        assertThatThrownBy(() -> log.append(event("login").withPersonalFields(withoutValue)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ip'");
        assertThat(log.query(AuditQuery.all())).isEmpty();
    }

    /** {@code text} with the first hex digit of its first {@code "member":"…"} value changed. */
    private static String flipFirstHex(String text, String member) {
        int at = text.indexOf("\"" + member + "\":\"") + member.length() + 4;
        char digit = text.charAt(at);
        return text.substring(0, at) + (digit == '0' ? '1' : '0') + text.substring(at + 1);
    }

    /** An event with the personal fields {@code ip}, {@code user_agent} and {@code subject_ref}. */
    protected static AuditEvent login(String ip, String subjectRef) {
        return event("login").withPersonalField("ip", ip).withPersonalField("user_agent", "Firefox/1.0")
                .withPersonalField(AuditEvent.SUBJECT_REF, subjectRef);
    }

    /** A plain event of {@code type}. */
    protected static AuditEvent event(String type) {
        return AuditEvent.of(type, AuditStatus.SUCCESS, "tester", "test event");
    }

    private static List<String> types(List<AuditRecord> records) {
        return records.stream().map(r -> r.event().type()).toList();
    }

    /** A clock that moves forward one microsecond per reading, and further on request. */
    protected static final class StepClock extends Clock {
        private final AtomicLong micros;
        private final int startNanos;

        StepClock(Instant start) {
            this.micros = new AtomicLong(start.getEpochSecond() * 1_000_000 + start.getNano() / 1000);
            this.startNanos = start.getNano() % 1000;
        }

        /** Moves the clock forward by {@code d}. */
        public void advance(Duration d) {
            micros.addAndGet(d.toNanos() / 1000);
        }

        @Override
        public Instant instant() {
            long m = micros.getAndIncrement();
            return Instant.ofEpochSecond(Math.floorDiv(m, 1_000_000), Math.floorMod(m, 1_000_000) * 1000L + startNanos);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the audit test clock is UTC only");
        }
    }
}

package org.compliancekit.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditSettings;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.pii.DpaStatus;
import org.compliancekit.pii.Join;
import org.compliancekit.pii.Last4Strategy;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.SubjectLink;
import org.compliancekit.retention.RetentionPresets;
import org.compliancekit.retention.RetentionRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyFilesTest {
    private static final String SLETTET = "[slettet]";

    /** The cartwright map written with the Java DSL: must equal the YAML file. */
    static PiiMap cartwrightMap() {
        return PiiMap.builder()
                .table("User", t -> t.primaryKey("id").subjectId("id")
                        .purpose("customer account and order fulfilment")
                        .categories("contact details", "identity", "address")
                        .field("email", Strategy.hash())
                        .field("name", Strategy.redact(SLETTET))
                        .field("phone", Strategy.nulled())
                        .field("shippingAddress", Strategy.redact(SLETTET))
                        .field("shippingCity", Strategy.redact(SLETTET))
                        .field("passwordHash", Strategy.redact(SLETTET)))
                .table("Order", t -> t.primaryKey("id").subjectId("userId")
                        .purpose("order fulfilment and bookkeeping")
                        .categories("contact details", "address", "transactions")
                        .field("email", Strategy.hash())
                        .field("shippingAddress", Strategy.redact(SLETTET))
                        .field("shippingCity", Strategy.redact(SLETTET))
                        .field("phone", Strategy.nulled())
                        .keep("amount", "bookkeeping law: 5 years")
                        .keep("stripePaymentIntentId", "bookkeeping law: 5 years"))
                .table("ProductReview", t -> t.primaryKey("id").subjectId("userId").purpose("product reviews")
                        .field("authorName", Strategy.redact(SLETTET))
                        .field("authorEmail", Strategy.hash())
                        .keep("rating", "aggregate product rating; holds no personal data")
                        .keep("body", "published review text, author removed"))
                .table("Subscription", t -> t.primaryKey("id").subjectId("userId").purpose("paid subscriptions")
                        .keep("stripeCustomerId", "cancel separately at the payment provider")
                        .field("status", Strategy.nulled()))
                .table("Lead", t -> t.primaryKey("id").subjectEmail("email").purpose("sales enquiries").deleteRow()
                        .field("name", Strategy.nulled()).field("email", Strategy.nulled())
                        .field("phone", Strategy.nulled()).field("company", Strategy.nulled())
                        .field("message", Strategy.nulled()))
                .table("AcpCheckoutSession", t -> t.primaryKey("id").subjectEmail("buyerEmail").deleteRow()
                        .field("buyerEmail", Strategy.nulled()).field("buyerName", Strategy.nulled())
                        .field("shippingAddress", Strategy.nulled()))
                .table("AuditLog", t -> t.primaryKey("id").subjectId("actorId").purpose("accountability (art. 5(2))")
                        .field("ip", Strategy.nulled()))
                .table("OrderItem", t -> t.primaryKey("id")
                        .subject(SubjectLink.path(List.of(Join.to("orderId", "Order", "id")), SubjectLink.id("userId")))
                        .field("giftMessage", Strategy.nulled()))
                .processor("Stripe", "card payments and subscriptions", List.of("email", "billing address", "payment card"),
                        DpaStatus.SIGNED, "USA (EU SCCs)")
                .processor("Postmark", "transactional email", List.of("email", "name"), DpaStatus.PENDING, "EU")
                .build();
    }

    static CompliancePolicy cartwrightPolicy() {
        return new CompliancePolicy(cartwrightMap(), RetentionPresets.defaults(),
                BackupSettings.defaults().withEnabled(true), AuditSettings.defaults());
    }

    private final PolicyFiles files = PolicyFiles.standard();

    @Test
    void theYamlAndTheDslFormOfTheCartwrightPolicyAreEqual() throws Exception {
        CompliancePolicy fromYaml = files.read(Path.of(getClass().getResource("/policies/cartwright.yaml").toURI()));
        assertThat(fromYaml.map()).isEqualTo(cartwrightMap());
        assertThat(fromYaml.rules()).isEqualTo(RetentionPresets.defaults());
        assertThat(fromYaml).isEqualTo(cartwrightPolicy());
    }

    @Test
    void theFiveSeedRulesReadAsWritten() throws Exception {
        List<RetentionRule> rules = files.read(Path.of(getClass().getResource("/policies/cartwright.yaml").toURI())).rules();
        assertThat(rules).extracting(RetentionRule::name)
                .containsExactly("orders", "contacts", "subscribers", "feedback", "coupon-usage");
        assertThat(rules).extracting(r -> r.period().toDays()).containsExactly(30L, 90L, 90L, 180L, 90L);
    }

    @Test
    void writingThenReadingGivesAnEqualPolicy() {
        CompliancePolicy policy = cartwrightPolicy().withAudit(AuditSettings.defaults().withRetention(Duration.ofDays(400)));
        String yaml = files.toYaml(policy);
        assertThat(files.parse(yaml)).isEqualTo(policy);
        assertThat(yaml).contains("version: 1").contains("bookkeeping law: 5 years");
    }

    @Test
    void theJobSectionIsReadAndWrittenWithItsDefaults() {
        CompliancePolicy policy = cartwrightPolicy().withJob(org.compliancekit.job.JobSettings.defaults()
                .withPiiDeletionCadence(Duration.ofHours(12)).withSkipDeletionWhenBackupFails(false)
                .withDueGrace(Duration.ZERO).withLockName("shop-job").withLockAtMostFor(Duration.ofHours(2)));
        String yaml = files.toYaml(policy);
        assertThat(yaml).contains("job:").contains("piiDeletionCadence: 12h").contains("lockName: shop-job");
        assertThat(files.parse(yaml)).isEqualTo(policy);
        CompliancePolicy partial = files.parse("version: 1\njob: {piiDeletionCadence: 6h}\n");
        assertThat(partial.job().piiDeletionCadence()).isEqualTo(Duration.ofHours(6));
        assertThat(partial.job().lockName()).isEqualTo(org.compliancekit.job.JobSettings.DEFAULT_LOCK_NAME);
        assertThat(files.parse("version: 1\n").job()).isEqualTo(org.compliancekit.job.JobSettings.defaults());
    }

    @Test
    void backupSchemasAreReadAndWrittenAndDefaultToEverySchema() {
        CompliancePolicy policy = cartwrightPolicy().withBackup(BackupSettings.defaults()
                .withSchemas(java.util.Set.of("public", "Sales", "we\"ird. s")));
        String yaml = files.toYaml(policy);
        assertThat(yaml).contains("schemas:").contains("Sales");
        assertThat(files.parse(yaml)).isEqualTo(policy);
        assertThat(files.parse("version: 1\nbackup: {schemas: [sales]}\n").backup().schemas())
                .containsExactly("sales");
        assertThat(files.parse("version: 1\n").backup().schemas()).isEqualTo(BackupSettings.DEFAULT_SCHEMAS)
                .isEmpty();
    }

    @Test
    void jsonIsReadToo() {
        CompliancePolicy p = files.parse("""
                {"version": 1, "tables": {"users": {"subject": {"id": "id"}, "fields": {"email": "hash"}}}}
                """);
        assertThat(p.map().table("users").orElseThrow().fields()).singleElement()
                .satisfies(f -> assertThat(f.strategy()).isEqualTo(Strategy.hash()));
    }

    @Test
    void customStrategiesResolveByName() {
        Strategy last4 = new Last4Strategy();
        String yaml = "version: 1\ntables:\n  users:\n    fields:\n      phone: {custom: last4}\n";
        assertThat(files.withStrategy("last4", last4).parse(yaml).map().table("users").orElseThrow()
                .field("phone").orElseThrow().strategy()).isSameAs(last4);
        assertThatThrownBy(() -> files.parse(yaml)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tables.users.fields.phone").hasMessageContaining("last4");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "unknown top-level key | version: 1\\ntabels: {} | tabels",
        "missing version | tables: {} | version",
        "newer version | version: 99 | upgrade Compliance Kit",
        "misspelt strategy | version: 1\\ntables:\\n  u:\\n    fields:\\n      email: hsh | tables.u.fields.email",
        "keep without reason | version: 1\\ntables:\\n  u:\\n    fields:\\n      amount: keep | needs a reason",
        "blank keep reason | version: 1\\ntables:\\n  u:\\n    fields:\\n      amount: {keep: ''} | needs a reason",
        "unknown table key | version: 1\\ntables:\\n  u:\\n    subjekt: {id: id} | tables.u.subjekt",
        "subject with id and email | version: 1\\ntables:\\n  u:\\n    subject: {id: a, email: b} | exactly one of",
        "bad join target | version: 1\\ntables:\\n  u:\\n    subject: {id: a, path: [{from: x, to: orders}]} | table.column",
        "bad action | version: 1\\nretention:\\n  - {table: t, action: purge, after: 1d, countingFrom: c} | retention[0].action",
        "bad duration | version: 1\\nretention:\\n  - {table: t, action: delete, after: 3 weeks, countingFrom: c} | retention[0].after",
        "months are not a duration | version: 1\\nretention:\\n  - {table: t, action: delete, after: P1M, countingFrom: c} | in days",
        "missing trigger column | version: 1\\nretention:\\n  - {table: t, action: delete, after: 1d} | countingFrom",
        "unknown condition | version: 1\\nretention:\\n  - {table: t, action: delete, after: 1d, countingFrom: c, when: {like: x}} | when.like",
        "empty in list | version: 1\\nretention:\\n  - {table: t, action: delete, after: 1d, countingFrom: c, when: {in: {s: []}}} | at least one value",
        "bad dpa | version: 1\\nprocessors:\\n  - {name: S, purpose: p, dataShared: [], dpa: maybe, location: EU} | processors[0].dpa",
        "backup flag not boolean | version: 1\\nbackup: {enabled: yes please} | backup.enabled",
        "duplicate key | version: 1\\ntables:\\n  u: {}\\n  u: {} | Duplicate",
        "not a mapping | just text | must be a mapping",
        "unknown job key | version: 1\\njob: {cadense: 1d} | job.cadense",
        "bad job duration | version: 1\\njob: {lockAtMostFor: soon} | job.lockAtMostFor",
        "zero job cadence | version: 1\\njob: {piiDeletionCadence: 0s} | job.piiDeletionCadence",
    })
    void badFilesFailWithTheirPathInTheMessage(String name, String yaml, String expected) {
        assertThatThrownBy(() -> files.parse(yaml.replace("\\n", "\n")))
                .isInstanceOfAny(ConfigurationException.class, IllegalArgumentException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void parseErrorsDoNotEchoFileContent() {
        assertThatThrownBy(() -> files.parse("version: 1\ntables: {a: 'secret@example.com\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageNotContaining("secret@example.com");
    }

    @Test
    void parseErrorsGiveLineColumnAndKindButNoContent() {
        assertThatThrownBy(() -> files.parse("version: 1\ntables:\n  users:\n    password: hunter2-canary: x\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("line 4, column")
                .hasMessageContaining("mapping values are not allowed here")
                .hasMessageNotContaining("hunter2").hasNoCause();
        assertThatThrownBy(() -> files.parse("{\"version\": 1, \"tables\": {\"a\": [\"hunter2-canary\"}}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("line 1, column")
                .hasMessageNotContaining("hunter2").hasNoCause();
        assertThatThrownBy(() -> files.parse("version: 1\ntables:\n\thunter2-canary: x\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("at line ").hasMessageContaining("while scanning")
                .hasMessageNotContaining("hunter2").hasNoCause();
    }

    @Test
    void anOutOfRangeDurationIsAConfigurationErrorThatDoesNotEchoTheNumber() {
        assertThatThrownBy(() -> files.parse("version: 1\nbackup: {retention: 99999999999999999999d}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("backup.retention")
                .hasMessageNotContaining("99999");
        assertThatThrownBy(() -> files.parse("version: 1\nbackup: {retention: 9999999999999999d}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("backup.retention");
    }

    @Test
    void aPolicyFileThatIsNotUtf8IsAConfigurationError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.yaml");
        java.nio.file.Files.write(file, new byte[] {'v', 'e', 'r', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
        assertThatThrownBy(() -> files.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not UTF-8")
                .hasMessageContaining(file.toString());
    }
}

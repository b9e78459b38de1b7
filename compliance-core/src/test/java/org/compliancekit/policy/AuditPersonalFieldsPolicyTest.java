package org.compliancekit.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AuditPersonalFieldsPolicyTest {
    private final PolicyFiles files = PolicyFiles.standard();

    @Test
    void thePersonalFieldsRetentionIsWrittenAndReadBack() {
        CompliancePolicy policy = PolicyFilesTest.cartwrightPolicy().withAudit(AuditSettings.defaults()
                .withRetention(Duration.ofDays(400)).withPersonalFieldsRetention(Duration.ofDays(90), Set.of("user_agent", "ip")));
        String yaml = files.toYaml(policy);
        assertThat(yaml).contains("personalFieldsRetention: 90d").containsPattern("personalFields:\\s*\\n\\s*- ip\\s*\\n\\s*- user_agent");
        assertThat(files.parse(yaml)).isEqualTo(policy);

        CompliancePolicy everyField = policy.withAudit(policy.audit().withPersonalFieldsRetention(Duration.ofDays(7), Set.of()));
        assertThat(files.parse(files.toYaml(everyField))).isEqualTo(everyField);
    }

    @Test
    void unsetKeepsPersonalFieldsAsLongAsTheirRecords() {
        AuditSettings read = files.parse("version: 1\naudit: {retention: 400d}\n").audit();
        assertThat(read.personalFieldsRetention()).isEqualTo(AuditSettings.DEFAULT_PERSONAL_FIELDS_RETENTION).isNull();
        assertThat(read.personalFields()).isEqualTo(AuditSettings.DEFAULT_PERSONAL_FIELDS).isEmpty();
        assertThat(read.personalFieldsRetentionPeriod()).isEmpty();
        CompliancePolicy defaults = PolicyFilesTest.cartwrightPolicy();
        assertThat(files.toYaml(defaults)).doesNotContain("personalFieldsRetention");
        assertThat(files.parse(files.toYaml(defaults))).isEqualTo(defaults);

        AuditSettings some = files.parse("version: 1\naudit: {personalFieldsRetention: 30d, personalFields: [ip]}\n")
                .audit();
        assertThat(some.personalFieldsRetentionPeriod()).contains(Duration.ofDays(30));
        assertThat(some.personalFields()).containsExactly("ip");
        assertThat(some.retention()).isNull();
    }

    @Test
    void aPersonalFieldsRetentionNotShorterThanTheRecordsIsAWarning() {
        org.compliancekit.store.SchemaDescription schema = org.compliancekit.store.SchemaDescription.of();
        CompliancePolicy policy = CompliancePolicy.of(org.compliancekit.pii.PiiMap.builder().build());
        AuditSettings longer = AuditSettings.defaults().withRetention(Duration.ofDays(90))
                .withPersonalFieldsRetention(Duration.ofDays(90), Set.of());
        ValidationReport report = Validation.validate(policy.withAudit(longer), schema);
        assertThat(report.isValid()).isTrue();
        assertThat(report.warnings()).singleElement().satisfies(w -> {
            assertThat(w.location()).isEqualTo("audit.personalFieldsRetention");
            assertThat(w.message()).contains("90 days").contains("audit.retention");
        });
        assertThat(Validation.validate(policy.withAudit(longer.withPersonalFieldsRetention(Duration.ofDays(30), Set.of())),
                schema).warnings()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "personalFieldsRetention: 0d                  | audit.personalFieldsRetention must be positive",
        "personalFieldsRetention: PT-5H               | audit.personalFieldsRetention must be positive",
        "personalFieldsRetention: soon                | audit.personalFieldsRetention is not a duration",
        "personalFieldsRetention: P1M                 | audit.personalFieldsRetention uses months",
        "personalFields: ip                           | audit.personalFields",
        "personalFields: [IP]                         | audit.personalFields: 'IP' is not a personal field name",
        "personalField: [ip]                          | personalField",
    })
    void badValuesAreRefusedNamingTheSetting(String audit, String expected) {
        assertThatThrownBy(() -> files.parse("version: 1\naudit: {" + audit + "}\n"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(expected);
    }
}

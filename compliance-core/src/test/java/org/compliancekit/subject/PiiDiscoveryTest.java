package org.compliancekit.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Map;
import org.compliancekit.ConfigurationException;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.InMemoryDataStore;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;
import org.junit.jupiter.api.Test;

class PiiDiscoveryTest {
    private static final List<String> SECRETS = List.of("ann.lee@example.org", "+44 20 7946 0958",
            "DE89 3704 0044 0532 0130 00", "192.168.17.4", "2001:db8::8a2e:370:7334");

    private final InMemoryDataStore memory = InMemoryDataStore.of(
            new TableSchema("customers", List.of(
                    ColumnSchema.of("id", SqlType.BIGINT, false),
                    ColumnSchema.text("email", 200, true),
                    ColumnSchema.text("firstName", 100, true),
                    ColumnSchema.text("mobile_phone", 40, true),
                    ColumnSchema.of("date_of_birth", SqlType.DATE, true),
                    ColumnSchema.of("email_verified", SqlType.BOOLEAN, true),
                    ColumnSchema.text("contact", 200, true),
                    ColumnSchema.text("remarks", 200, true),
                    ColumnSchema.text("payout", 60, true),
                    ColumnSchema.text("origin", 60, true),
                    ColumnSchema.text("sku", 60, true),
                    ColumnSchema.text("amount", 60, true)), List.of("id"), List.of()),
            new TableSchema("products", List.of(
                    ColumnSchema.of("id", SqlType.BIGINT, false),
                    ColumnSchema.text("name", 100, false),
                    ColumnSchema.text("zip_code", 10, true)), List.of("id"), List.of()));
    private final RecordingStore store = new RecordingStore(memory);
    private final PiiMap map = PiiMap.builder()
            .table("customers", t -> t.subjectId("id").field("email", Strategy.hash())).build();

    PiiDiscoveryTest() {
        for (long i = 1; i <= 50; i++) {
            memory.insert("customers", Map.of("id", i, "contact", i % 5 == 0 ? "n/a" : SECRETS.get(0),
                    "remarks", i % 2 == 0 ? SECRETS.get(1) : "ordered twice", "payout", SECRETS.get(2),
                    "origin", i % 2 == 0 ? SECRETS.get(3) : SECRETS.get(4), "sku", "SKU-" + i,
                    "amount", "1234.5678"));
        }
        memory.insert("products", Map.of("id", 1L, "name", "Teapot"));
    }

    @Test
    void unmappedColumnsAreFlaggedByName() {
        DiscoveryReport report = PiiDiscovery.builder(store, map).build().scan();

        assertThat(report.findings()).extracting(DiscoveryReport.Finding::table, DiscoveryReport.Finding::column,
                DiscoveryReport.Finding::basis).containsExactly(
                tuple("customers", "firstName", DiscoveryReport.Basis.NAME),
                tuple("customers", "mobile_phone", DiscoveryReport.Basis.NAME),
                tuple("customers", "date_of_birth", DiscoveryReport.Basis.NAME),
                tuple("products", "zip_code", DiscoveryReport.Basis.NAME));
        assertThat(report.findings().get(0).reason()).isEqualTo("the name suggests a person's name");
        assertThat(report.rowsSampled()).isZero();
        assertThat(store.scannedRows).as("names only: no row is read").hasValue(0);
    }

    @Test
    void sampledValuesRevealPersonalDataButNeverAppearInTheReport() {
        DiscoveryReport report = PiiDiscovery.builder(store, map).withSampleRows(20).build().scan();

        assertThat(report.findings()).filteredOn(f -> f.basis() == DiscoveryReport.Basis.VALUES)
                .extracting(DiscoveryReport.Finding::column, DiscoveryReport.Finding::reason).containsExactly(
                        tuple("contact", "16 of 20 sampled values look like email addresses"),
                        tuple("remarks", "10 of 20 sampled values look like phone numbers"),
                        tuple("payout", "20 of 20 sampled values look like IBANs"),
                        tuple("origin", "20 of 20 sampled values look like IP addresses"));
        assertThat(report.rowsSampled()).isEqualTo(21);
        assertThat(store.scannedRows).as("sampling stops after 20 rows of customers").hasValue(21);
        String everything = report + report.markdown();
        SECRETS.forEach(s -> assertThat(everything).doesNotContain(s));
        assertThat(report.markdown()).contains("| customers | payout | values | 20 of 20 sampled values look like IBANs |");
    }

    @Test
    void valueShapes() {
        assertThat(PiiSignals.byValue("a.b+c@mail.example.com")).contains(PiiSignals.ValueKind.EMAIL);
        assertThat(PiiSignals.byValue("GB82 WEST 1234 5698 7654 32")).contains(PiiSignals.ValueKind.IBAN);
        assertThat(PiiSignals.byValue("GB82 WEST 1234 5698 7654 33")).as("bad checksum").isEmpty();
        assertThat(PiiSignals.byValue("0151 2345678")).contains(PiiSignals.ValueKind.PHONE);
        assertThat(PiiSignals.byValue("::ffff:10.0.0.1")).isEmpty();
        assertThat(PiiSignals.byValue("fe80::1")).contains(PiiSignals.ValueKind.IP);
        assertThat(PiiSignals.byValue("10:30:00")).as("a time").isEmpty();
        assertThat(PiiSignals.byValue("2026-03-01 10:00")).as("a date").isEmpty();
        assertThat(PiiSignals.byValue("12345678")).as("a bare number").isEmpty();
        assertThat(PiiSignals.byValue("999.999.1.1")).isEmpty();
    }

    @Test
    void aSampleSizeOutOfRangeIsAConfigurationError() {
        assertThatThrownBy(() -> PiiDiscovery.builder(store, map).withSampleRows(-1).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("0 to 1000");
        assertThatThrownBy(() -> PiiDiscovery.builder(store, map).withSampleRows(5_000).build())
                .isInstanceOf(ConfigurationException.class);
    }
}

package org.compliancekit.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.compliancekit.ConfigurationException;
import org.compliancekit.pii.IdentityColumn;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.subject.ProcessingInventory;
import org.junit.jupiter.api.Test;

/** Identities and export-only tables in the policy file: read, written back, validated. */
class SubjectDeclarationsTest {
    private static final String POLICY = """
            version: 1
            tables:
              users:
                subject: { id: id }
                identities: { email: email, customer_number: short_code }
                fields:
                  email: hash
              orders:
                subject: { id: user_id }
                exportOnly: "bookkeeping law: 10 years"
            """;

    @Test
    void identitiesAndExportOnlyAreReadWrittenBackAndValid() {
        PolicyFiles files = PolicyFiles.standard();
        CompliancePolicy p = files.parse(POLICY);

        TableMapping users = p.map().table("users").orElseThrow();
        assertThat(users.identities()).containsExactly(new IdentityColumn("email", "email"),
                new IdentityColumn("customer_number", "short_code"));
        TableMapping orders = p.map().table("orders").orElseThrow();
        assertThat(orders.exportOnly()).isTrue();
        assertThat(orders.keptBecause()).isEqualTo("bookkeeping law: 10 years");
        assertThat(files.parse(files.toYaml(p))).isEqualTo(p);
        assertThat(Validation.validate(p, ValidationTest.SCHEMA).problems()).isEmpty();
        assertThat(ProcessingInventory.of(p.map(), p.rules()).markdown())
                .contains("kept: exported on request, never erased, because bookkeeping law: 10 years")
                .contains("Subject identities:** email in email, customer");
    }

    @Test
    void aTableWhoseFieldsAreAllKeptIsExportOnlyAndValid() {
        CompliancePolicy p = PolicyFiles.standard().parse("""
                version: 1
                tables:
                  orders:
                    subject: { id: user_id }
                    fields:
                      status: { keep: "bookkeeping" }
                      shipped_at: { keep: "bookkeeping" }
                """);

        assertThat(Validation.validate(p, ValidationTest.SCHEMA).problems()).isEmpty();
        assertThat(p.map().table("orders").orElseThrow().exportOnly()).isTrue();
        assertThat(p.map().table("orders").orElseThrow().keptBecause()).contains("status (bookkeeping)");
    }

    @Test
    void misdeclaredIdentitiesAndExportOnlyTablesAreReported() {
        CompliancePolicy p = PolicyFiles.standard().parse("""
                version: 1
                tables:
                  users:
                    subject: { email: email }
                    identities: { phone: mobile }
                    exportOnly: "kept"
                    fields:
                      name: redact
                  orders:
                    subject: { id: user_id }
                    exportOnly: "kept"
                    onErasure: delete
                """);

        assertThat(Validation.validate(p, ValidationTest.SCHEMA).errors()).extracting(Problem::toString)
                .anySatisfy(e -> assertThat(e).contains("users.mobile", "not linked to its subject by an id column"))
                .anySatisfy(e -> assertThat(e).contains("users.mobile", "identity column does not exist"))
                .anySatisfy(e -> assertThat(e).contains("marked export-only but has fields to erase (name)"))
                .anySatisfy(e -> assertThat(e).contains("marked export-only but deletes its rows"));
        assertThatThrownBy(() -> PolicyFiles.standard().parse("""
                version: 1
                tables:
                  users:
                    subject: { id: id }
                    identities: { id: email }
                """)).isInstanceOf(ConfigurationException.class).hasMessageContaining("tables.users.identities.id")
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> PolicyFiles.standard().parse("""
                version: 1
                tables:
                  orders:
                    subject: { id: user_id }
                    exportOnly: ""
                """)).isInstanceOf(ConfigurationException.class).hasMessageContaining("needs the reason");
    }
}

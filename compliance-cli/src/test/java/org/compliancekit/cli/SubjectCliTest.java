package org.compliancekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancekit.cli.CliFixture.concat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subject requests from the command line: identities, matching rules, one exit code per outcome, safe --out. */
class SubjectCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = """
            version: 1
            tables:
              users:
                subject: { id: id }
                identities: { email: email }
                fields:
                  email: hash
                  name: redact
              orders:
                subject: { id: user_id }
                fields:
                  shipping_address: redact
                  amount: { keep: "bookkeeping law: 5 years" }
              payments:
                subject:
                  id: user_id
                  path: [ { from: order_id, to: orders.id } ]
                exportOnly: "bookkeeping law: 10 years"
                fields:
                  amount: { keep: "bookkeeping law: 10 years" }
            """;

    @TempDir
    Path dir;
    CliFixture shop;
    Path auditKey;
    List<String> db;

    @BeforeEach
    void setUp() throws Exception {
        shop = new CliFixture(dir);
        Files.writeString(shop.map, POLICY);
        sql("CREATE TABLE payments (id INT PRIMARY KEY, order_id INT NOT NULL REFERENCES orders(id), amount DECIMAL(10,2))",
                "INSERT INTO payments VALUES (100, 10, 10.00), (101, 11, 12.50), (102, 12, 99.00)");
        auditKey = dir.resolve("keys/audit-1.properties");
        shop.run("keygen", "--audit", "--out", auditKey.toString()).assertOk();
        db = List.of("--jdbc-url", shop.url, "--user", "sa", "--map", shop.map.toString(), "--audit-key-file",
                auditKey.toString());
    }

    @AfterEach
    void noSecretsAnywhere() throws Exception {
        shop.assertNoSecretsPrinted(auditKey);
        assertThat(shop.runs).allSatisfy(r -> assertThat(r.out() + r.err()).doesNotContain("ada@example.com"));
    }

    @Test
    void anErasureByEmailInAnyCaseReachesTablesLinkedByIdAndEachOutcomeHasItsExitCode() throws Exception {
        CliFixture.Run erase = shop.run(concat(db, "subject", "erase", "--email", " ADA@Example.COM"));
        CliFixture.Run again = shop.run(concat(db, "subject", "erase", "--id", "1"));
        // The erasure hashed the address: nothing held is linked to it any more, and the outcome says just that.
        CliFixture.Run againByEmail = shop.run(concat(db, "subject", "erase", "--email", "ada@example.com"));
        CliFixture.Run nobody = shop.run(concat(db, "subject", "erase", "--email", "nobody@example.com"));
        CliFixture.Run unknownId = shop.run(concat(db, "subject", "erase", "--id", "999"));

        erase.assertOk();
        assertThat(erase.out()).contains("completed, 3 rows changed", "id:1", "email:hmac:", "resolved to 1 subject",
                "exported only, never erased");
        assertThat(shop.count(shop.url, "SELECT COUNT(*) FROM users WHERE name = '[REDACTED]'")).isEqualTo(1);
        assertThat(shop.count(shop.url, "SELECT COUNT(*) FROM payments")).isEqualTo(3);
        assertThat(again.code()).isEqualTo(SubjectCommand.ALREADY_ERASED);
        assertThat(again.err()).contains("already erased, 0 rows changed"); // every non-zero outcome on stderr
        assertThat(againByEmail.code()).isEqualTo(SubjectCommand.NO_DATA_HELD);
        assertThat(nobody.code()).isEqualTo(SubjectCommand.NO_DATA_HELD);
        assertThat(nobody.err()).contains("no data held, 0 rows changed of 0 found");
        assertThat(unknownId.code()).isEqualTo(SubjectCommand.NO_DATA_HELD);
    }

    @Test
    void idsOutsideTheirCanonicalFormAreUsageErrorsNamingTheForm() throws Exception {
        for (String loose : List.of("\u0663", " 1", "01", "+1")) {
            CliFixture.Run run = shop.run(concat(db, "subject", "erase", "--id", loose));
            assertThat(run.code()).as(loose).isEqualTo(ComplianceCli.USAGE);
            assertThat(run.err()).contains("expected an integer in ASCII digits").doesNotContain("\tat ");
        }
        assertThat(shop.count(shop.url, "SELECT COUNT(*) FROM users WHERE name = '[REDACTED]'")).isZero();
    }

    @Test
    void anEmailSharedByTwoSubjectsIsRefusedAsAmbiguous() throws Exception {
        sql("INSERT INTO users VALUES (3, 'Ada@Example.com', 'Ada Byron', TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00+00')");
        Path export = dir.resolve("ada.json");

        CliFixture.Run erase = shop.run(concat(db, "subject", "erase", "--email", "ada@example.com"));
        CliFixture.Run ex = shop.run(concat(db, "subject", "export", "--email", "ada@example.com", "--out",
                export.toString()));

        assertThat(erase.code()).isEqualTo(SubjectCommand.AMBIGUOUS_SUBJECT);
        assertThat(erase.err()).contains("ambiguous subject", "resolved to 2 subjects", "id:1", "id:3");
        assertThat(ex.code()).isEqualTo(SubjectCommand.AMBIGUOUS_SUBJECT);
        assertThat(export).doesNotExist();
        assertThat(shop.count(shop.url, "SELECT COUNT(*) FROM users WHERE name = '[REDACTED]'")).isZero();
    }

    @Test
    void exportWritesANewFileOnlyAndSaysWhenNothingIsHeld() throws Exception {
        Path existing = Files.writeString(dir.resolve("existing.json"), "someone else's file");
        Path dangling = dir.resolve("link.json");
        Files.createSymbolicLink(dangling, dir.resolve("nowhere.json"));
        Path none = dir.resolve("none.json");
        Path ada = dir.resolve("ada.json");

        CliFixture.Run overExisting = shop.run(concat(db, "subject", "export", "--id", "1", "--out", existing.toString()));
        CliFixture.Run overLink = shop.run(concat(db, "subject", "export", "--id", "1", "--out", dangling.toString()));
        CliFixture.Run nothing = shop.run(concat(db, "subject", "export", "--id", "42", "--out", none.toString()));
        CliFixture.Run exported = shop.run(concat(db, "subject", "export", "--email", "ADA@example.com", "--out",
                ada.toString(), "--json"));

        assertThat(overExisting.code()).isEqualTo(ComplianceCli.USAGE);
        assertThat(overExisting.err()).contains("already exists");
        assertThat(Files.readString(existing)).isEqualTo("someone else's file");
        // A check-then-rename would have replaced the link: the name was taken, if only by a dangling link.
        assertThat(overLink.code()).isEqualTo(ComplianceCli.USAGE);
        assertThat(Files.isSymbolicLink(dangling)).isTrue();
        assertThat(dir.resolve("nowhere.json")).doesNotExist();
        assertThat(nothing.code()).isEqualTo(SubjectCommand.NO_DATA_HELD);
        assertThat(JSON.readTree(none.toFile()).get("tables").get(0).get("rowCount").asLong()).isZero();
        assertThat(exported.code()).isZero();
        JsonNode result = JSON.readTree(exported.out()).get("result");
        assertThat(result.get("outcome").asText()).isEqualTo("EXPORTED");
        assertThat(result.get("rows").get("payments").asLong()).isEqualTo(2);
        assertThat(Files.exists(ada, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.list(dir).filter(p -> p.getFileName().toString().contains("partial"))).isEmpty();
    }

    @Test
    void aDraftedPolicyServesRequestsWithoutEdits() throws Exception {
        Path draft = dir.resolve("draft.yaml");
        List<String> conn = List.of("--jdbc-url", shop.url, "--user", "sa");

        CliFixture.Run drafted = shop.run(concat(conn, "pii", "scan", "--draft-policy", "--subject-table", "users",
                "--out", draft.toString()));
        CliFixture.Run again = shop.run(concat(conn, "pii", "scan", "--draft-policy", "--subject-table", "users",
                "--out", draft.toString()));
        CliFixture.Run erase = shop.run(concat(List.of("--jdbc-url", shop.url, "--user", "sa", "--map", draft.toString(),
                "--audit-key-file", auditKey.toString()), "subject", "erase", "--email", "ADA@example.com"));

        drafted.assertOk();
        assertThat(drafted.out()).contains("drafted a policy of 3 tables");
        assertThat(Files.readString(draft)).contains("# REVIEW", "identities: {email: \"EMAIL\"}");
        assertThat(again.code()).isEqualTo(ComplianceCli.USAGE);
        erase.assertOk();
        assertThat(erase.out()).contains("completed", "resolved to 1 subject");
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(shop.url, "sa", CliFixture.DB_PASSWORD);
                Statement s = c.createStatement()) {
            for (String q : statements) {
                s.execute(q);
            }
        }
    }
}

package org.compliancekit.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.junit.jupiter.api.Test;

class AuditRedactorTest {

    private final AuditRedactor redactor = AuditRedactor.patternsOnly();

    @Test
    void masksEmailAddressesPhoneNumbersAndIpAddressesInsideText() {
        assertThat(redactor.text("mail jane.doe+x@mail.example.co.uk now")).isEqualTo("mail [redacted:email] now");
        assertThat(redactor.text("call +44 20 7946 0958")).isEqualTo("call [redacted:phone]");
        assertThat(redactor.text("call (555) 010-9999 or 555.010.9999")).isEqualTo("call [redacted:phone] or [redacted:phone]");
        assertThat(redactor.text("from 192.168.10.254:8080")).isEqualTo("from [redacted:ip]:8080");
        assertThat(redactor.text("from 2001:db8::8a2e:370:7334 and fe80::1")).isEqualTo("from [redacted:ip] and [redacted:ip]");
        assertThat(redactor.text("full 2001:0db8:0000:0000:0000:ff00:0042:8329")).isEqualTo("full [redacted:ip]");
    }

    @Test
    void masksAPhoneNumberNextToAUuid() {
        assertThat(redactor.text("call +44 20 7946 0958 about 12345678-1234-4567-8901-234567890123"))
                .isEqualTo("call [redacted:phone] about 12345678-1234-4567-8901-234567890123");
    }

    @Test
    void leavesTimesDatesCountsAndIdsAlone() {
        String id = UUID.randomUUID().toString();
        // A UUID whose first group is all digits looks like a phone number to a naive pattern.
        String digitsFirst = "12345678-1234-4567-8901-234567890123";
        for (String kept : List.of(digitsFirst, "request " + digitsFirst + " done", "2026-11-23T23:16:55.123Z", "2026-11-23", "at 23:16:55", "deleted 1200 rows in 35 ms",
                "version 1.2.3", id, "backups/2026/11/23/db.ckb", "sha 3f786850e387550fdab836ed7e6dc881de23001b")) {
            assertThat(redactor.text(kept)).as(kept).isEqualTo(kept);
        }
    }

    @Test
    void masksPiiColumnKeysAtAnyDepthAndKeepsTheActor() {
        PiiMap map = PiiMap.builder()
                .table("customers", t -> t.subjectId("id").field("Full_Name", Strategy.nulled()))
                .build();
        AuditRedactor r = AuditRedactor.forPiiMap(map).withPiiKeys(Set.of("token"));
        AuditEvent event = AuditEvent.of("user_deletion", AuditStatus.SUCCESS, "admin@example.com", "deleted")
                .withDetails(Map.of("full_name", "Jane Doe", "nested", Map.of("customers.full_name", List.of("J", "D")),
                        "TOKEN", 1234, "rows", 1));
        AuditEvent out = r.redact(event);
        assertThat(out.actor()).isEqualTo("admin@example.com");
        assertThat(out.details()).containsEntry("full_name", AuditRedactor.PII).containsEntry("TOKEN", AuditRedactor.PII)
                .containsEntry("rows", 1)
                .containsEntry("nested", Map.of("customers.full_name", AuditRedactor.PII));
    }

    @Test
    void turnsNonJsonValuesIntoCheckedText() {
        Object odd = new Object() {
            @Override
            public String toString() {
                return "contact ops@example.net";
            }
        };
        AuditEvent out = redactor.redact(AuditEvent.of("backup", AuditStatus.FAILED, null, "x")
                .withDetails(Map.of("odd", odd, "at", Instant.parse("2026-01-01T00:00:00Z"), "status", AuditStatus.FAILED,
                        "list", new Object[] {"a@b.io", 2})));
        assertThat(out.details()).containsEntry("odd", "contact [redacted:email]")
                .containsEntry("at", "2026-01-01T00:00:00Z").containsEntry("status", "FAILED")
                .containsEntry("list", List.of(AuditRedactor.EMAIL, 2));
    }

    @Test
    void emptyAndNullTextStayAsTheyAre() {
        assertThat(redactor.text("")).isEmpty();
        assertThat(redactor.text(null)).isNull();
    }
}

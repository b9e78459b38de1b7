package org.compliancekit.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.compliancekit.pii.DpaStatus;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.audit.InMemoryAuditLog;
import org.junit.jupiter.api.Test;

class ProcessingInventoryTest {

    @Test
    void markdownShowsTablesLinksFieldsRetentionKeptFieldsAndProcessors() {
        String md = ProcessingInventory.of(Shop.map(), Shop.rules()).markdown();

        assertThat(md).startsWith("# Record of processing activities\n")
                .contains("## Table users", "- **Purpose:** customer account",
                        "- **Data categories:** contact details, identity", "- **Subject link:** subject id in id",
                        "| email | hash |", "| name | redact |", "| phone | null |",
                        "| users-anonymize | anonymize | PT87600H | created\\_at |",
                        "| amount | bookkeeping law: 10 years |",
                        "- **On erasure:** delete",
                        "via item\\_id → order\\_items.id, order\\_id → orders.id, then subject id in user\\_id of orders",
                        "| Stripe | card payments | email, billing address | signed | USA (EU SCCs) |",
                        "| Mailchimp | newsletter | email | pending | USA (DPF) |");
    }

    @Test
    void htmlIsEscaped() {
        PiiMap hostile = PiiMap.builder()
                .table("notes", t -> t.subjectId("user_id").field("body", Strategy.redact())
                        .keep("author", "<script>alert('x')</script> & \"law\"").purpose("<b>bold</b>"))
                .processor("Evil <img src=x onerror=alert(1)>", "p", List.of("a"), DpaStatus.MISSING, "here")
                .build();

        String html = ProcessingInventory.of(hostile, List.of()).html();

        assertThat(html).doesNotContain("<script>", "<b>", "<img")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;law&quot;",
                        "&lt;b&gt;bold&lt;/b&gt;", "Evil &lt;img src=x onerror=alert(1)&gt;",
                        "<h2>Table notes</h2>", "<td>missing</td>");
        String md = ProcessingInventory.of(hostile, List.of()).markdown();
        assertThat(md).doesNotContain("<script>", "<img").contains("&lt;b&gt;bold&lt;/b&gt;");
    }

    @Test
    void pipesInValuesCannotBreakAMarkdownTable() {
        PiiMap map = PiiMap.builder().table("t", x -> x.subjectId("id").keep("c", "a | b\nnext")).build();

        assertThat(ProcessingInventory.of(map, List.of()).markdown()).contains("| c | a \\| b next |");
    }

    @Test
    void emptySectionsSayNone() {
        PiiMap map = PiiMap.builder().table("audit_copy", x -> x.field("ip", Strategy.nulled())).build();

        String md = ProcessingInventory.of(map, List.of()).markdown();

        assertThat(md).contains("- **Subject link:** none (retention only)", "- **Purpose:** not stated", "_none_");
        assertThat(SubjectRights.builder(Shop.store(1), map, TestAudit.log()).build().inventory().markdown())
                .isEqualTo(md);
    }
}

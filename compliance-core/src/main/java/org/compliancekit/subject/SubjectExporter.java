package org.compliancekit.subject;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compliancekit.ComplianceException;
import org.compliancekit.StorageException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.pii.PiiField;
import org.compliancekit.pii.Processor;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.retention.RetentionRule;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.TableSchema;

/**
 * Writes one subject's export bundle (art. 15 and 20) as a JSON stream: rows go from the store's cursors straight
 * into the generator, so memory does not grow with the subject's data. The bundle format is documented in
 * {@code docs/subject-rights.md}.
 */
final class SubjectExporter {
    static final String FORMAT = "compliancekit-subject-export";
    static final int FORMAT_VERSION = 1;
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final SubjectRights.Settings s;

    SubjectExporter(SubjectRights.Settings settings) {
        this.s = settings;
    }

    ExportSummary export(SubjectRef subject, String actor, OutputStream out) {
        long start = System.nanoTime();
        Instant now = s.clock().instant();
        String label = s.hashes().label(subject);
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        try (ReadView view = s.store().openReadView(); JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", FORMAT_VERSION);
            g.writeStringField("generatedAt", now.toString());
            g.writeObjectFieldStart("subject");
            g.writeStringField("id", subject.id().orElse(null));
            g.writeStringField("email", subject.email().orElse(null));
            g.writeEndObject();
            g.writeArrayFieldStart("tables");
            for (TableMapping m : SubjectScope.linkedTables(s.map())) {
                Optional<String> skip = SubjectScope.skipReason(m, subject);
                skip.ifPresent(r -> skipped.add(m.table()));
                counts.put(m.table(), writeTable(g, view, m, subject, skip));
            }
            g.writeEndArray();
            writeRecipients(g);
            g.writeEndObject();
        } catch (IOException | ComplianceException e) {
            s.audit().append(new AuditEvent(AuditEvent.TYPE_DATA_EXPORT, AuditStatus.FAILED, actor,
                    "data export failed for subject " + label, Map.of("subject", label, "error", e.getClass().getSimpleName()),
                    Duration.ofNanos(System.nanoTime() - start), false));
            if (e instanceof IOException io) {
                throw new StorageException("writing the export of subject " + label + " failed; the output is "
                        + "incomplete and must not be handed out", io);
            }
            throw (ComplianceException) e;
        }
        ExportSummary summary = new ExportSummary(label, now, counts, skipped);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("subject", label);
        details.put("rows", summary.rows());
        details.put("totalRows", summary.totalRows());
        details.put("skipped", skipped);
        s.audit().append(new AuditEvent(AuditEvent.TYPE_DATA_EXPORT, AuditStatus.COMPLETED, actor,
                "data export of subject " + label + ": " + summary.totalRows() + " rows from " + counts.size()
                        + " tables", details, Duration.ofNanos(System.nanoTime() - start), false));
        return summary;
    }

    private long writeTable(JsonGenerator g, ReadView view, TableMapping m, SubjectRef subject,
            Optional<String> skip) throws IOException {
        TableSchema schema = s.store().describe().require(m.table());
        g.writeStartObject();
        g.writeStringField("table", m.table());
        g.writeStringField("purpose", m.purpose());
        writeStrings(g, "categories", m.categories());
        g.writeStringField("onErasure", SubjectScope.lower(m.onErasure()));
        writeRetention(g, SubjectScope.rulesOf(s.rules(), m.table()));
        g.writeArrayFieldStart("keptFields");
        for (PiiField f : m.keptFields()) {
            g.writeStartObject();
            g.writeStringField("column", f.column());
            g.writeStringField("reason", SubjectScope.keptReason(f));
            g.writeEndObject();
        }
        g.writeEndArray();
        if (skip.isPresent()) {
            g.writeStringField("notSearched", skip.get());
        }
        g.writeArrayFieldStart("columns");
        for (ColumnSchema c : schema.columns()) {
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeStringField("type", c.type().name());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("rows");
        long n = 0;
        if (skip.isEmpty()) {
            try (RowCursor c = view.subjectRows(m, subject)) {
                List<String> cols = c.columns();
                for (Object[] r = c.next(); r != null; r = c.next()) {
                    g.writeStartObject();
                    for (int i = 0; i < cols.size(); i++) {
                        g.writeFieldName(cols.get(i));
                        ValueEncoding.write(g, r[i]);
                    }
                    g.writeEndObject();
                    n++;
                }
            }
        }
        g.writeEndArray();
        g.writeNumberField("rowCount", n);
        g.writeEndObject();
        return n;
    }

    private static void writeRetention(JsonGenerator g, List<RetentionRule> rules) throws IOException {
        g.writeArrayFieldStart("retention");
        for (RetentionRule r : rules) {
            g.writeStartObject();
            g.writeStringField("rule", r.name());
            g.writeStringField("action", SubjectScope.lower(r.action()));
            g.writeStringField("after", r.period().toString());
            g.writeStringField("countingFrom", r.timestampColumn());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void writeRecipients(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("recipients");
        for (Processor p : s.map().processors()) {
            g.writeStartObject();
            g.writeStringField("name", p.name());
            g.writeStringField("purpose", p.purpose());
            writeStrings(g, "dataShared", p.dataShared());
            g.writeStringField("dpa", SubjectScope.lower(p.dpaStatus()));
            g.writeStringField("location", p.location());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}

package org.compliancekit.subject;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import org.compliancekit.pii.RowAction;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.retention.RetentionRule;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.ReadView;
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
        SubjectResolution.check(subject, s.map(), s.store().describe());
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        long[] erasable = new long[2]; // rows erasure would reach, and those of them not yet erased
        SubjectResolution resolution;
        try (ReadView view = s.store().openReadView()) {
            resolution = SubjectResolution.resolve(view, s.map(), s.store().describe(), subject);
            if (!resolution.ambiguous()) {
                try (JsonGenerator g = JSON.createGenerator(out)) {
                    g.writeStartObject();
                    g.writeStringField("format", FORMAT);
                    g.writeNumberField("version", FORMAT_VERSION);
                    g.writeStringField("generatedAt", now.toString());
                    g.writeObjectFieldStart("subject");
                    g.writeStringField("id", subject.id().orElse(null));
                    g.writeStringField("email", subject.email().orElse(null));
                    writeStrings(g, "resolvedIds", resolution.ids());
                    g.writeEndObject();
                    g.writeArrayFieldStart("tables");
                    for (TableMapping m : SubjectScope.linkedTables(s.map())) {
                        counts.put(m.table(), writeTable(g, view, m, resolution, skipped, erasable));
                    }
                    g.writeEndArray();
                    writeRecipients(g);
                    g.writeEndObject();
                }
            }
        } catch (IOException | UncheckedIOException | ComplianceException e) {
            s.audit().append(new AuditEvent(AuditEvent.TYPE_DATA_EXPORT, AuditStatus.FAILED, actor,
                    "data export failed for subject " + label, Map.of("subject", label, "status", "failed",
                            "error", e.getClass().getSimpleName()),
                    Duration.ofNanos(System.nanoTime() - start), false));
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : e instanceof IOException x ? x : null;
            if (io != null) {
                throw new StorageException("writing the export of subject " + label + " failed; the output is "
                        + "incomplete and must not be handed out", io);
            }
            throw (ComplianceException) e;
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        ExportSummary.Outcome outcome = resolution.ambiguous() ? ExportSummary.Outcome.AMBIGUOUS_SUBJECT
                : total == 0 ? ExportSummary.Outcome.NO_DATA_HELD
                : erasable[0] > 0 && erasable[1] == 0 ? ExportSummary.Outcome.ALREADY_ERASED
                : ExportSummary.Outcome.EXPORTED;
        ExportSummary summary = new ExportSummary(label, now, counts, skipped, outcome,
                s.hashes().identities(resolution), resolution.ids().size());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("subject", label);
        details.put("status", SubjectScope.lower(outcome));
        details.put("identities", summary.identities());
        details.put("subjects", summary.subjects());
        details.put("rows", summary.rows());
        details.put("totalRows", summary.totalRows());
        details.put("skipped", skipped);
        s.audit().append(new AuditEvent(AuditEvent.TYPE_DATA_EXPORT,
                outcome == ExportSummary.Outcome.AMBIGUOUS_SUBJECT ? AuditStatus.FAILED : AuditStatus.COMPLETED, actor,
                "data export of subject " + label + ": " + switch (outcome) {
                    case AMBIGUOUS_SUBJECT -> "refused, the request's identities match " + summary.subjects()
                            + " subjects; nothing was written";
                    case NO_DATA_HELD -> "no data held for the subject";
                    case ALREADY_ERASED -> summary.totalRows() + " rows, all already erased";
                    case EXPORTED -> summary.totalRows() + " rows from " + counts.size() + " tables";
                }, details, Duration.ofNanos(System.nanoTime() - start), false));
        return summary;
    }

    private long writeTable(JsonGenerator g, ReadView view, TableMapping m, SubjectResolution resolution,
            List<String> skipped, long[] erasable) throws IOException {
        TableSchema schema = s.store().describe().require(m.table());
        g.writeStartObject();
        g.writeStringField("table", m.table());
        g.writeStringField("purpose", m.purpose());
        writeStrings(g, "categories", m.categories());
        g.writeStringField("onErasure", m.exportOnly() ? "keep" : SubjectScope.lower(m.onErasure()));
        if (m.exportOnly()) {
            g.writeStringField("keptBecause", m.keptBecause());
        }
        writeRetention(g, SubjectScope.rulesOf(s.rules(), m.table()));
        g.writeArrayFieldStart("keptFields");
        for (PiiField f : m.keptFields()) {
            g.writeStartObject();
            g.writeStringField("column", f.column());
            g.writeStringField("reason", SubjectScope.keptReason(f));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("columns");
        for (ColumnSchema c : schema.columns()) {
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeStringField("type", c.type().name());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("rows");
        long[] n = new long[1];
        boolean counted = !m.exportOnly();
        boolean delete = m.onErasure() == RowAction.DELETE;
        RowShape[] shape = new RowShape[1];
        Optional<String> skip = resolution.forEachRow(view, m, s.store().describe(), (cols, r) -> {
            try {
                g.writeStartObject();
                for (int i = 0; i < cols.size(); i++) {
                    g.writeFieldName(cols.get(i));
                    ValueEncoding.write(g, r[i]);
                }
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            n[0]++;
            if (counted) {
                erasable[0]++;
                if (shape[0] == null && !delete) {
                    shape[0] = RowShape.of(s.store().describe(), m, cols);
                }
                if (delete || shape[0].pending(r)) {
                    erasable[1]++;
                }
            }
        });
        g.writeEndArray();
        if (skip.isPresent()) {
            skipped.add(m.table());
            g.writeStringField("notSearched", skip.get());
        }
        g.writeNumberField("rowCount", n[0]);
        g.writeEndObject();
        return n[0];
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

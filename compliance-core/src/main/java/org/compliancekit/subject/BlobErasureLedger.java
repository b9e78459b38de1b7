package org.compliancekit.subject;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.compliancekit.ConfigurationException;
import org.compliancekit.IntegrityException;
import org.compliancekit.StorageException;
import org.compliancekit.pii.RowAction;
import org.compliancekit.store.BlobStore;
import org.compliancekit.store.support.Keys;

/**
 * The ledger as one JSON object per erasure in a blob store. Keys start with a fixed-width UTC timestamp
 * ({@code ledger/20261123T234005.123456789Z-<id>.json}), so the store's key order is time order and
 * {@link #since} skips older entries by key without reading them.
 */
final class BlobErasureLedger implements ErasureLedger {
    static final int FORMAT_VERSION = 1;
    private static final DateTimeFormatter KEY_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private final BlobStore blobs;
    private final String prefix;

    BlobErasureLedger(BlobStore blobs, String prefix) {
        this.blobs = Objects.requireNonNull(blobs, "blob store");
        if (prefix == null || prefix.isEmpty() || !prefix.endsWith("/")) {
            throw new ConfigurationException("ledger prefix '" + prefix
                    + "' must be a folder ending in '/', e.g. 'ledger/'");
        }
        Keys.check(prefix + "x");
        this.prefix = prefix;
    }

    @Override
    public void record(LedgerEntry entry) {
        String key = key(entry);
        BlobStore.BlobOutput out = blobs.put(key);
        try {
            write(entry, out);
            out.close();
        } catch (IOException | RuntimeException e) {
            out.abort();
            throw new StorageException("could not store erasure ledger entry " + key + "; the erasure was not "
                    + "committed, retry it once the blob store is reachable", e);
        }
    }

    @Override
    public Stream<LedgerEntry> since(Instant instant) {
        // Every key of a later instant sorts after this bound; equal instants are excluded by the filter below.
        String bound = prefix + KEY_TIME.format(instant);
        Stream<BlobStore.BlobInfo> listing = blobs.list(prefix);
        return listing.filter(b -> b.key().compareTo(bound) > 0 && b.key().endsWith(".json"))
                .map(b -> read(b.key()))
                .filter(e -> e.erasedAt().isAfter(instant))
                .onClose(listing::close);
    }

    private String key(LedgerEntry entry) {
        return prefix + KEY_TIME.format(entry.erasedAt()) + "-" + entry.id() + ".json";
    }

    private static void write(LedgerEntry entry, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("version", FORMAT_VERSION);
            g.writeStringField("id", entry.id());
            g.writeStringField("erasedAt", entry.erasedAt().toString());
            g.writeStringField("subject", entry.subject());
            g.writeArrayFieldStart("tables");
            for (LedgerEntry.ErasedRows t : entry.tables()) {
                g.writeStartObject();
                g.writeStringField("table", t.table());
                g.writeStringField("action", t.action().name().toLowerCase(Locale.ROOT));
                g.writeArrayFieldStart("rows");
                for (String r : t.rows()) {
                    g.writeString(r);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private LedgerEntry read(String key) {
        JsonNode doc;
        try (InputStream in = blobs.get(key)) {
            doc = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IntegrityException("erasure ledger entry " + key + " is not valid JSON; restore it from the "
                    + "blob store's versioning or remove it after checking the erasure by hand");
        } catch (IOException e) {
            throw new StorageException("could not read erasure ledger entry " + key + "; check the blob store", e);
        }
        try {
            int version = doc.path("version").asInt(-1);
            if (version > FORMAT_VERSION) {
                throw new IntegrityException("erasure ledger entry " + key + " has format version " + version
                        + "; this library reads up to version " + FORMAT_VERSION + ": upgrade Compliance Kit");
            }
            if (version < 1) {
                throw new IntegrityException("erasure ledger entry " + key + " has no valid format version");
            }
            List<LedgerEntry.ErasedRows> tables = new ArrayList<>();
            for (JsonNode t : doc.path("tables")) {
                List<String> rows = new ArrayList<>();
                t.path("rows").forEach(r -> rows.add(r.textValue()));
                tables.add(new LedgerEntry.ErasedRows(t.get("table").textValue(),
                        RowAction.valueOf(t.get("action").textValue().toUpperCase(Locale.ROOT)), rows));
            }
            return new LedgerEntry(doc.get("id").textValue(), Instant.parse(doc.get("erasedAt").textValue()),
                    doc.get("subject").textValue(), tables);
        } catch (RuntimeException e) {
            if (e instanceof IntegrityException ie) {
                throw ie;
            }
            throw new IntegrityException("erasure ledger entry " + key + " is malformed; restore it from the "
                    + "blob store's versioning or remove it after checking the erasure by hand", e);
        }
    }
}

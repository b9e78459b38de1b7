package org.compliancekit.subject;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.compliancekit.ConfigurationException;
import org.compliancekit.pii.PiiField;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;

/**
 * Finds columns the PII map does not cover that look like personal data: by their names (email, phone, first or
 * last name, address, IP, birth, IBAN, SSN, …) and, when sampling is on, by the shape of the first rows' values in
 * text columns (email addresses, phone numbers, IP addresses, IBANs). Sampled values stay inside this class: they
 * are never logged, put in an exception or in the {@link DiscoveryReport}, which gives counts only.
 */
public final class PiiDiscovery {
    /** Most rows sampled per table. */
    public static final int MAX_SAMPLE_ROWS = 1_000;

    private final DataStore store;
    private final PiiMap map;
    private final int sampleRows;

    private PiiDiscovery(DataStore store, PiiMap map, int sampleRows) {
        this.store = store;
        this.map = map;
        this.sampleRows = sampleRows;
    }

    /** Starts a builder; by default only column names are examined. */
    public static Builder builder(DataStore store, PiiMap map) {
        return new Builder(store, map);
    }

    /** Examines every table of the store's schema. */
    public DiscoveryReport scan() {
        List<TableSchema> tables = store.describe().tables();
        List<DiscoveryReport.Finding> findings = new ArrayList<>();
        long sampled = 0;
        ReadView view = null;
        try {
            for (TableSchema t : tables) {
                Set<String> covered = covered(t);
                List<ColumnSchema> toSample = new ArrayList<>();
                for (ColumnSchema c : t.columns()) {
                    if (covered.contains(c.name().toLowerCase(Locale.ROOT)) || c.type() == SqlType.BOOLEAN) {
                        continue;
                    }
                    Optional<String> byName = PiiSignals.byName(c.name());
                    if (byName.isPresent()) {
                        findings.add(new DiscoveryReport.Finding(t.name(), c.name(), DiscoveryReport.Basis.NAME,
                                byName.get()));
                    } else if (c.type() == SqlType.TEXT || c.type() == SqlType.OTHER) {
                        toSample.add(c);
                    }
                }
                if (sampleRows > 0 && !toSample.isEmpty()) {
                    view = view == null ? store.openReadView() : view;
                    sampled += sample(view, t, toSample, findings);
                }
            }
        } finally {
            if (view != null) {
                view.close();
            }
        }
        return new DiscoveryReport(findings, tables.size(), sampled);
    }

    private Set<String> covered(TableSchema t) {
        Set<String> out = new HashSet<>();
        map.table(t.name()).map(TableMapping::fields).orElse(List.of()).stream().map(PiiField::column)
                .forEach(c -> out.add(c.toLowerCase(Locale.ROOT)));
        return out;
    }

    /** Reads the first {@code sampleRows} rows of {@code t} and reports columns whose values look personal. */
    private long sample(ReadView view, TableSchema t, List<ColumnSchema> columns, List<DiscoveryReport.Finding> out) {
        int n = columns.size();
        long[] nonNull = new long[n];
        List<Map<PiiSignals.ValueKind, Integer>> hits = new ArrayList<>();
        columns.forEach(c -> hits.add(new EnumMap<>(PiiSignals.ValueKind.class)));
        long rows = 0;
        // The cursor is closed after sampleRows rows: stores stream, so the rest of the table is never read.
        try (RowCursor cursor = view.scan(t.name())) {
            int[] idx = columns.stream().mapToInt(c -> position(cursor.columns(), c.name())).toArray();
            while (rows < sampleRows) {
                Object[] r = cursor.next();
                if (r == null) {
                    break;
                }
                rows++;
                for (int i = 0; i < n; i++) {
                    Object v = idx[i] < 0 ? null : r[idx[i]];
                    if (v != null) {
                        nonNull[i]++;
                        Map<PiiSignals.ValueKind, Integer> h = hits.get(i);
                        PiiSignals.byValue(v.toString()).ifPresent(k -> h.merge(k, 1, Integer::sum));
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            Optional<Map.Entry<PiiSignals.ValueKind, Integer>> top =
                    hits.get(i).entrySet().stream().max(Map.Entry.comparingByValue());
            // A column counts when at least half of its non-null sampled values have one shape.
            if (top.isPresent() && top.get().getValue() * 2L >= nonNull[i]) {
                out.add(new DiscoveryReport.Finding(t.name(), columns.get(i).name(), DiscoveryReport.Basis.VALUES,
                        top.get().getValue() + " of " + nonNull[i] + " sampled values look like "
                                + top.get().getKey().plural));
            }
        }
        return rows;
    }

    private static int position(List<String> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Configures {@link PiiDiscovery}. */
    public static final class Builder {
        private final DataStore store;
        private final PiiMap map;
        private int sampleRows;

        private Builder(DataStore store, PiiMap map) {
            this.store = Objects.requireNonNull(store, "data store");
            this.map = Objects.requireNonNull(map, "PII map");
        }

        /**
         * Also samples the first {@code rows} rows of each table with unmapped text columns (default 0: names
         * only; at most {@value #MAX_SAMPLE_ROWS}).
         */
        public Builder withSampleRows(int rows) {
            this.sampleRows = rows;
            return this;
        }

        public PiiDiscovery build() {
            if (sampleRows < 0 || sampleRows > MAX_SAMPLE_ROWS) {
                throw new ConfigurationException("PII discovery sample size must be 0 to " + MAX_SAMPLE_ROWS
                        + " rows, was " + sampleRows);
            }
            return new PiiDiscovery(store, map, sampleRows);
        }
    }
}

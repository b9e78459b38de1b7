package org.compliancekit.jpa;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.EmbeddableValuedModelPart;
import org.hibernate.metamodel.mapping.ModelPart;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The history tables Hibernate Envers keeps for {@code @Audited} entities ({@code customers_aud}, and one per
 * secondary and collection table). They are the dynamic-map entities Envers adds to the metamodel; each is paired
 * with the live table whose columns it copies (its name contains the live table's name and it has all the live
 * table's mapped columns), so Envers' table prefix, suffix and the naming strategy need no special knowledge.
 */
final class HistoryTables {
    /** A history table: its name, its columns and its key columns (lower case). */
    record History(String name, Set<String> columns, Set<String> key) {
        boolean has(String column) {
            return columns.contains(column.toLowerCase(Locale.ROOT));
        }

        boolean isKey(String column) {
            return key.contains(column.toLowerCase(Locale.ROOT));
        }
    }

    private HistoryTables() {
    }

    /** Whether Hibernate Envers is on the class path and enabled for this factory. */
    static boolean enversActive(SessionFactoryImplementor sf) {
        try {
            Class.forName("org.hibernate.envers.boot.internal.EnversService", false, HistoryTables.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return false;
        }
        return EnversCheck.enabled(sf);
    }

    /** The history tables of the factory, each with its columns. */
    static List<History> read(List<EntityPersister> dynamicEntities) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        for (EntityPersister p : dynamicEntities) {
            p.getIdentifierMapping().forEachSelectable((i, s) -> {
                add(out, s.getContainingTableExpression(), s.getSelectionExpression());
                add(keys, s.getContainingTableExpression(), s.getSelectionExpression());
            });
            p.forEachAttributeMapping(m -> collect(out, m));
            ((org.hibernate.persister.entity.AbstractEntityPersister) p).forEachTableDetails(td -> td.getKeyDetails()
                    .forEachKeyColumn((i, c) -> {
                        add(out, td.getTableName(), c.getColumnName());
                        add(keys, td.getTableName(), c.getColumnName());
                    }));
        }
        List<History> list = new ArrayList<>();
        out.forEach((t, cols) -> list.add(new History(t, cols, keys.getOrDefault(t, Set.of()))));
        return list;
    }

    private static void collect(Map<String, Set<String>> out, ModelPart m) {
        if (m instanceof EmbeddableValuedModelPart e) {
            e.getEmbeddableTypeDescriptor().forEachAttributeMapping(sub -> collect(out, sub));
        } else {
            m.forEachSelectable((i, s) -> {
                if (!s.isFormula()) {
                    add(out, s.getContainingTableExpression(), s.getSelectionExpression());
                }
            });
        }
    }

    private static void add(Map<String, Set<String>> out, String table, String column) {
        out.computeIfAbsent(Names.plain(table), k -> new HashSet<>()).add(column.toLowerCase(Locale.ROOT));
    }

    /**
     * The history table of {@code live}: the one whose name contains the live table's name and that has every
     * column in {@code needed}; the closest in length when several qualify (e.g. {@code orders_aud} before
     * {@code order_lines_aud} for {@code orders}).
     */
    static Optional<History> of(String live, Set<String> needed, List<History> histories) {
        String name = live.toLowerCase(Locale.ROOT);
        return histories.stream()
                .filter(h -> !h.name().equalsIgnoreCase(live) && h.name().toLowerCase(Locale.ROOT).contains(name))
                .filter(h -> needed.stream().allMatch(h::has))
                .min(java.util.Comparator.comparingInt(h -> h.name().length()));
    }

    /** Touches Envers' classes only when they are present. */
    private static final class EnversCheck {
        static boolean enabled(SessionFactoryImplementor sf) {
            org.hibernate.envers.boot.internal.EnversService envers =
                    sf.getServiceRegistry().getService(org.hibernate.envers.boot.internal.EnversService.class);
            return envers != null && envers.isEnabled() && envers.isInitialized()
                    && envers.getEntitiesConfigurations().hasAuditedEntities();
        }
    }
}

package org.compliancekit.jpa;

import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.compliancekit.pii.PiiField;
import org.compliancekit.pii.RowAction;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.retention.RetentionRule;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Builds the PII map and retention rules from the annotations of a Hibernate {@link EntityManagerFactory}'s
 * entities ({@link DataSubject}, {@link PersonalData}, {@link OnErasure}, {@link SubjectLink}, {@link Purpose},
 * {@link Retain}), with the physical table and column names Hibernate itself uses. Envers history tables of
 * audited entities are mapped like their live tables.
 *
 * <pre>{@code
 * JpaMapping mapping = JpaScanner.standard().withStrategy("last-four", lastFour).scan(entityManagerFactory);
 * }</pre>
 *
 * <p>Scanning never throws for a mistake in the annotations: every one is collected in
 * {@link JpaMapping#problems()} and reported by {@link JpaMapping#validate}.
 */
public final class JpaScanner {
    private final Map<String, Strategy> custom;

    private JpaScanner(Map<String, Strategy> custom) {
        this.custom = Map.copyOf(custom);
    }

    /** A scanner that knows the built-in strategies. */
    public static JpaScanner standard() {
        return new JpaScanner(Map.of());
    }

    /** A copy that also resolves {@code @PersonalData(value = CUSTOM, strategy = name)} to {@code strategy}. */
    public JpaScanner withStrategy(String name, Strategy strategy) {
        Objects.requireNonNull(name, "strategy name");
        Objects.requireNonNull(strategy, "strategy");
        Map<String, Strategy> m = new HashMap<>(custom);
        m.put(name, strategy);
        return new JpaScanner(m);
    }

    /** Scans the entities of {@code emf}, which must be Hibernate's. */
    public JpaMapping scan(EntityManagerFactory emf) {
        SessionFactoryImplementor sf = emf.unwrap(SessionFactoryImplementor.class);
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        MetamodelReader reader = new MetamodelReader(new StrategyNames(custom), errors);
        List<EntityPersister> dynamic = new ArrayList<>();
        List<EntityPersister> entities = new ArrayList<>();
        sf.getMappingMetamodel().forEachEntityDescriptor(p -> (p.getMappedClass() == Map.class ? dynamic : entities).add(p));
        entities.sort(Comparator.comparing(EntityPersister::getEntityName));
        entities.forEach(reader::read);
        if (reader.subject == null) {
            errors.add("no entity is marked @DataSubject; mark the entity whose id identifies a person");
        }
        Map<String, MappedTable> tables = reader.tables;
        tables.values().forEach(JpaScanner::tableAnnotations);
        Links links = new Links(tables, reader.subject, errors);
        List<TableMapping> mappings = new ArrayList<>();
        for (MappedTable t : tables.values()) {
            if (t.fields.isEmpty() && t.action != RowAction.DELETE && t != reader.subject) {
                continue;
            }
            TableMapping.Builder b = TableMapping.builder(t.name).onErasure(t.action).purpose(t.purpose)
                    .categories(t.categories.toArray(String[]::new));
            links.of(t).ifPresent(b::subject);
            t.fields.values().stream().sorted(Comparator.comparing(f -> MappedTable.key(f.column())))
                    .forEach(f -> b.field(f.column(), f.strategy()));
            mappings.add(b.build());
        }
        List<RetentionRule> rules = new ArrayList<>();
        for (EntityPersister p : entities) {
            Retain[] retains = p.getMappedClass().getDeclaredAnnotationsByType(Retain.class);
            if (retains.length > 0 && sharesParentTable(p)) {
                errors.add(p.getJpaEntityName() + " @Retain: the entity shares table "
                        + Names.plain(((AbstractEntityPersister) p).getTableName()) + " with the other classes of its "
                        + "SINGLE_TABLE hierarchy, so the rule would reach their rows too; put it on the root entity "
                        + "with a @When on the discriminator attribute");
                continue;
            }
            for (Retain r : retains) {
                RetainRules.rule(r, p.getJpaEntityName(),
                        tables.get(MappedTable.key(Names.plain(((AbstractEntityPersister) p).getTableName()))), errors)
                        .ifPresent(rules::add);
            }
        }
        if (!dynamic.isEmpty() && HistoryTables.enversActive(sf)) {
            new History(tables, HistoryTables.read(dynamic), warnings).addTo(mappings, rules);
        }
        mappings.sort(Comparator.comparing(m -> MappedTable.key(m.table())));
        MappedTable subject = reader.subject;
        return new JpaMapping(mappings, rules, errors, warnings, tables,
                subject == null ? null : new JpaMapping.Subject(subject.entity, subject.type,
                        subject.attributes.get(MappedTable.key(((org.compliancekit.pii.SubjectLink.ById) subject.direct).column())),
                        reader.subjectEmailColumn == null ? null : subject.attributes.get(reader.subjectEmailColumn)));
    }

    private static boolean sharesParentTable(EntityPersister p) {
        return p.getSuperMappingType() != null && ((AbstractEntityPersister) p).getTableName()
                .equals(((AbstractEntityPersister) p.getSuperMappingType().getEntityPersister()).getTableName());
    }

    private static void tableAnnotations(MappedTable t) {
        if (!t.actionDeclared) {
            OnErasure a = MetamodelReader.inherited(t.type, OnErasure.class);
            t.action = a == null ? RowAction.ANONYMIZE : a.value();
            t.actionDeclared = a != null;
        }
        Purpose p = MetamodelReader.inherited(t.type, Purpose.class);
        if (p != null) {
            t.purpose = p.value();
            t.categories = List.copyOf(new LinkedHashSet<>(List.of(p.categories())));
        }
    }

    /** Maps the Envers history of every mapped table like the table itself. */
    private record History(Map<String, MappedTable> tables, List<HistoryTables.History> histories, List<String> warnings) {
        void addTo(List<TableMapping> mappings, List<RetentionRule> rules) {
            Map<String, String> renamed = new HashMap<>();
            for (MappedTable t : tables.values()) {
                HistoryTables.of(t.name, Set.copyOf(t.keyColumns.stream().map(MappedTable::key).toList()), histories)
                        .ifPresent(h -> renamed.put(MappedTable.key(t.name), h.name()));
            }
            for (TableMapping m : List.copyOf(mappings)) {
                String h = renamed.get(MappedTable.key(m.table()));
                if (h == null) {
                    continue;
                }
                HistoryTables.History history = histories.stream().filter(x -> x.name().equals(h)).findFirst().orElseThrow();
                MappedTable live = tables.get(MappedTable.key(m.table()));
                TableMapping.Builder b = TableMapping.builder(h).onErasure(m.onErasure()).purpose(m.purpose())
                        .categories(m.categories().toArray(String[]::new));
                m.link().map(l -> HistoryLinks.rewrite(l, renamed)).ifPresent(b::subject);
                for (PiiField f : m.fields()) {
                    // A deleted row takes its key with it; Envers keys a collection's history by the element too.
                    if (history.has(f.column()) && !(m.onErasure() == RowAction.DELETE && history.isKey(f.column()))) {
                        b.field(f.column(), f.strategy());
                    }
                }
                mappings.add(b.build());
                MappedTable copy = new MappedTable(h, live.kind, live.entity, live.type);
                copy.owner = live.owner;
                copy.history = true;
                copy.attributes.putAll(live.attributes);
                copy.columnNames.putAll(live.columnNames);
                tables.putIfAbsent(MappedTable.key(h), copy);
                for (RetentionRule r : List.copyOf(rules)) {
                    if (!r.table().equalsIgnoreCase(m.table())) {
                        continue;
                    }
                    if (history.has(r.timestampColumn()) && r.condition().columns().stream().allMatch(history::has)) {
                        rules.add(new RetentionRule(r.name() + "-history", h, r.action(), r.period(),
                                r.timestampColumn(), r.condition()));
                    } else {
                        warnings.add("rule " + r.name() + ": the history table " + h + " does not hold the columns the "
                                + "rule reads, so the rule does not reach the history; audit those attributes too");
                    }
                }
            }
        }
    }
}

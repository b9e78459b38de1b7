package org.compliancekit.jpa;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.compliancekit.pii.PiiField;
import org.compliancekit.pii.RowAction;
import org.compliancekit.pii.Strategy;
import org.hibernate.metamodel.mapping.Association;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.CollectionPart;
import org.hibernate.metamodel.mapping.EmbeddableValuedModelPart;
import org.hibernate.metamodel.mapping.EntityMappingType;
import org.hibernate.metamodel.mapping.EntityValuedModelPart;
import org.hibernate.metamodel.mapping.ForeignKeyDescriptor;
import org.hibernate.metamodel.mapping.ModelPart;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Reads Hibernate's runtime mapping model — the one it renders SQL from, so table and column names are the physical
 * ones after {@code @Table}/{@code @Column}, overrides and the naming strategy — into {@link MappedTable}s, and the
 * annotations of the attributes behind each column.
 */
final class MetamodelReader {
    private final StrategyNames strategies;
    private final List<String> problems;
    final Map<String, MappedTable> tables = new LinkedHashMap<>();
    /** The data subject's table, once found. */
    MappedTable subject;
    /** Attribute of the data subject holding its email address, as a column of its table. */
    String subjectEmailColumn;

    MetamodelReader(StrategyNames strategies, List<String> problems) {
        this.strategies = strategies;
        this.problems = problems;
    }

    void read(EntityPersister persister) {
        AbstractEntityPersister p = (AbstractEntityPersister) persister;
        String entity = p.getJpaEntityName();
        Class<?> type = p.getMappedClass();
        String idTable = Names.plain(p.getIdentifierTableName());
        String[] idColumns = p.getIdentifierColumnNames();
        p.forEachTableDetails(td -> {
            String name = Names.plain(td.getTableName());
            MappedTable t = table(name, td.isIdentifierTable() || name.equalsIgnoreCase(Names.plain(p.getTableName()))
                    ? MappedTable.Kind.ENTITY : MappedTable.Kind.SECONDARY, entity, type);
            if (t.keyColumns.isEmpty()) {
                td.getKeyDetails().forEachKeyColumn((i, c) -> t.keyColumns.add(c.getColumnName()));
                if (!name.equalsIgnoreCase(idTable) && t.keyColumns.size() == 1 && idColumns.length == 1) {
                    t.edges.add(new MappedTable.Edge(t.keyColumns.get(0), idTable, idColumns[0], entity));
                }
            }
            t.keyColumns.forEach(c -> t.attribute(c, entity + "." + p.getIdentifierPropertyName()));
        });
        p.forEachAttributeMapping(m -> attribute(m, owner(m, entity), "", null, null));
        DataSubject ds = type.getAnnotation(DataSubject.class);
        if (ds != null) {
            dataSubject(ds, entity, idTable, idColumns);
        }
    }

    private void dataSubject(DataSubject ds, String entity, String idTable, String[] idColumns) {
        MappedTable t = tables.get(MappedTable.key(idTable));
        if (subject != null && subject != t) {
            problems.add(entity + ": @DataSubject is on two entities (" + subject.entity + " and " + entity
                    + "); mark the one whose id identifies a person");
            return;
        }
        if (idColumns.length != 1) {
            problems.add(entity + ": the @DataSubject entity needs a single-column id");
            return;
        }
        subject = t;
        t.direct = org.compliancekit.pii.SubjectLink.id(idColumns[0]);
        if (!ds.email().isEmpty()) {
            subjectEmailColumn = t.attributes.entrySet().stream()
                    .filter(e -> e.getValue().equals(entity + "." + ds.email())).map(Map.Entry::getKey).findFirst()
                    .orElse(null);
            if (subjectEmailColumn == null) {
                problems.add(entity + ": @DataSubject(email = \"" + ds.email() + "\") names no basic attribute of "
                        + entity + " stored in table " + t.name);
            }
        }
    }

    private static String owner(AttributeMapping m, String fallback) {
        return m.getDeclaringType() instanceof EntityMappingType e ? e.getEntityPersister().getJpaEntityName() : fallback;
    }

    private MappedTable table(String name, MappedTable.Kind kind, String entity, Class<?> type) {
        MappedTable t = tables.computeIfAbsent(MappedTable.key(name), k -> new MappedTable(name, kind, entity, type));
        // A table shared by a hierarchy belongs to its most general entity: its annotations describe every row.
        if (t.owner == null && t.type != type && type.isAssignableFrom(t.type)) {
            t.entity = entity;
            t.type = type;
        }
        return t;
    }

    /**
     * One attribute, recursively through embeddables.
     *
     * @param inherited the {@link PersonalData} of the enclosing {@code @Embedded} attribute, if any
     * @param collection the collection table when reading an embeddable element of an element collection
     */
    private void attribute(AttributeMapping m, String entity, String prefix, PersonalData inherited, MappedTable collection) {
        String path = entity + "." + prefix + m.getAttributeName();
        AnnotatedElement member = member(m);
        PersonalData own = annotation(member, PersonalData.class);
        PersonalData pd = own != null ? own : inherited;
        if (m instanceof PluralAttributeMapping plural) {
            elementCollection(plural, path, member, pd);
        } else if (m instanceof EmbeddableValuedModelPart embedded) {
            embedded.getEmbeddableTypeDescriptor().forEachAttributeMapping(
                    sub -> attribute(sub, entity, prefix + m.getAttributeName() + ".", pd, collection));
        } else if (m instanceof EntityValuedModelPart && m instanceof Association a) {
            toOne(a, path, annotation(member, SubjectLink.class) != null);
        } else {
            m.forEachSelectable((i, s) -> column(s, path, member, collection, pd));
        }
    }

    private void column(SelectableMapping s, String path, AnnotatedElement member, MappedTable collection, PersonalData pd) {
        if (s.isFormula()) {
            return;
        }
        MappedTable t = collection != null ? collection : tables.get(MappedTable.key(Names.plain(s.getContainingTableExpression())));
        String column = s.getSelectionExpression();
        t.attribute(column, path);
        SubjectLink link = annotation(member, SubjectLink.class);
        if (link != null && collection == null) {
            t.direct = link.value() == SubjectLink.By.EMAIL ? org.compliancekit.pii.SubjectLink.email(column)
                    : org.compliancekit.pii.SubjectLink.id(column);
        }
        if (pd != null && !t.fields.containsKey(MappedTable.key(column))) {
            strategies.resolve(pd, p -> problems.add(path + " (" + t.name + "." + column + "): " + p))
                    .ifPresent(st -> t.fields.put(MappedTable.key(column), new PiiField(column, st)));
        }
    }

    private void toOne(Association a, String path, boolean chosen) {
        if (a.getSideNature() != ForeignKeyDescriptor.Nature.KEY) {
            return; // the other side holds the foreign key
        }
        ForeignKeyDescriptor fk = a.getForeignKeyDescriptor();
        List<SelectableMapping> from = selectables(fk.getKeyPart());
        List<SelectableMapping> to = selectables(fk.getTargetPart());
        MappedTable t = tables.get(MappedTable.key(Names.plain(from.get(0).getContainingTableExpression())));
        from.forEach(s -> t.attribute(s.getSelectionExpression(), path));
        if (from.size() != 1) {
            if (chosen) {
                problems.add(path + ": @SubjectLink needs a single-column foreign key; map the link in the policy file");
            }
            return;
        }
        MappedTable.Edge e = new MappedTable.Edge(from.get(0).getSelectionExpression(),
                Names.plain(to.get(0).getContainingTableExpression()), to.get(0).getSelectionExpression(), path);
        if (!t.edges.contains(e)) {
            t.edges.add(e);
        }
        if (chosen) {
            t.chosen = e;
        }
    }

    private void elementCollection(PluralAttributeMapping plural, String path, AnnotatedElement member, PersonalData pd) {
        CollectionPart element = plural.getElementDescriptor();
        if (element instanceof EntityValuedModelPart) {
            return; // a one-to-many or many-to-many: the target entity's own table holds its data
        }
        ForeignKeyDescriptor fk = plural.getKeyDescriptor();
        List<SelectableMapping> key = selectables(fk.getKeyPart());
        List<SelectableMapping> target = selectables(fk.getTargetPart());
        MappedTable owner = tables.get(MappedTable.key(Names.plain(target.get(0).getContainingTableExpression())));
        MappedTable t = table(Names.plain(plural.getCollectionDescriptor().getTableName()), MappedTable.Kind.COLLECTION,
                owner.entity, owner.type);
        if (t.owner != null) {
            return; // read already, through another entity of the hierarchy
        }
        t.owner = path;
        key.forEach(s -> {
            t.keyColumns.add(s.getSelectionExpression());
            t.attribute(s.getSelectionExpression(), path);
        });
        if (plural.getIndexDescriptor() != null) {
            selectables(plural.getIndexDescriptor()).forEach(s -> t.keyColumns.add(s.getSelectionExpression()));
        }
        if (key.size() == 1) {
            t.edges.add(new MappedTable.Edge(key.get(0).getSelectionExpression(), owner.name,
                    target.get(0).getSelectionExpression(), path));
        }
        OnErasure action = annotation(member, OnErasure.class);
        t.action = action == null ? RowAction.DELETE : action.value();
        t.actionDeclared = true;
        if (element instanceof EmbeddableValuedModelPart embedded) {
            embedded.getEmbeddableTypeDescriptor().forEachAttributeMapping(
                    sub -> attribute(sub, path.substring(0, path.indexOf('.')),
                            path.substring(path.indexOf('.') + 1) + ".", pd, t));
        } else {
            element.forEachSelectable((i, s) -> column(s, path, null, t, pd));
        }
    }

    private static List<SelectableMapping> selectables(ModelPart part) {
        List<SelectableMapping> out = new ArrayList<>();
        part.forEachSelectable((i, s) -> out.add(s));
        return out;
    }

    /** The field or getter behind an attribute; annotations are looked up on the field when the getter has none. */
    private static AnnotatedElement member(AttributeMapping m) {
        if (m.getPropertyAccess() == null) {
            return null;
        }
        Member member = m.getPropertyAccess().getGetter().getMember();
        return member instanceof AnnotatedElement a ? a : null;
    }

    static <A extends Annotation> A annotation(AnnotatedElement member, Class<A> type) {
        if (member == null) {
            return null;
        }
        A a = member.getAnnotation(type);
        if (a == null && member instanceof Method method) {
            String name = method.getName().replaceFirst("^(get|is)", "");
            name = name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
            for (Class<?> c = method.getDeclaringClass(); c != null && a == null; c = c.getSuperclass()) {
                try {
                    Field f = c.getDeclaredField(name);
                    a = f.getAnnotation(type);
                } catch (NoSuchFieldException e) {
                    // not declared here; look further up
                }
            }
        }
        return a;
    }

    /** A type annotation found on the class or the nearest superclass (a root entity or mapped superclass). */
    static <A extends Annotation> A inherited(Class<?> type, Class<A> annotation) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            A a = c.getAnnotation(annotation);
            if (a != null) {
                return a;
            }
        }
        return null;
    }
}

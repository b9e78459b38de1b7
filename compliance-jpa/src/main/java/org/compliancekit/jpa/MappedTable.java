package org.compliancekit.jpa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.compliancekit.pii.PiiField;
import org.compliancekit.pii.RowAction;

/** One table Hibernate maps, with what the annotations of its entity say about it; mutable while scanning. */
final class MappedTable {
    /** How a table belongs to its entity. */
    enum Kind { ENTITY, SECONDARY, COLLECTION }

    /** A single-column reference from this table to another: a to-one, a joined subclass, a secondary or collection key. */
    record Edge(String fromColumn, String toTable, String toColumn, String attribute) {
    }

    final String name;
    final Kind kind;
    String entity;
    Class<?> type;
    /** For a collection table, the collection attribute ({@code Customer.phoneNumbers}). */
    String owner;
    final List<String> keyColumns = new ArrayList<>();
    /** Column (lower case) to the attribute path that maps it, e.g. {@code Customer.homeAddress.city}. */
    final Map<String, String> attributes = new LinkedHashMap<>();
    /** Column (lower case) to its spelling in the mapping. */
    final Map<String, String> columnNames = new LinkedHashMap<>();
    final Map<String, PiiField> fields = new LinkedHashMap<>();
    final List<Edge> edges = new ArrayList<>();
    /** The association chosen with {@code @SubjectLink}, when there is one. */
    Edge chosen;
    /** A link declared on a basic attribute, or the data subject's own id. */
    org.compliancekit.pii.SubjectLink direct;
    RowAction action;
    boolean actionDeclared;
    /** An Envers history table: its rows are no entity's state, so no managed entity reflects them. */
    boolean history;
    String purpose = "";
    List<String> categories = List.of();

    MappedTable(String name, Kind kind, String entity, Class<?> type) {
        this.name = name;
        this.kind = kind;
        this.entity = entity;
        this.type = type;
    }

    /** Records that {@code path} maps {@code column}; the first attribute to map a column names it. */
    void attribute(String column, String path) {
        attributes.putIfAbsent(key(column), path);
        columnNames.putIfAbsent(key(column), column);
    }

    static String key(String table) {
        return table.toLowerCase(Locale.ROOT);
    }

    /** {@code Entity.attribute (table.column)} for messages, or {@code Entity (table.column)} when no attribute maps it. */
    String describe(String column) {
        String attribute = attributes.get(key(column));
        return (attribute != null ? attribute : owner != null ? owner : entity) + " (" + name + "." + column + ")";
    }

    /** The entity (or collection attribute) and table, for table-level messages. */
    String describe() {
        return (owner != null ? owner : entity) + " (table " + name + ")";
    }
}

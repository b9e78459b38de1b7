package org.compliancekit.pii;

import java.util.List;

/**
 * How a row of a mapped table leads to its data subject: a column holding the subject's id, a column holding the
 * subject's email address, or a path of joins through other tables ending in one of those.
 */
public sealed interface SubjectLink {

    /** The row holds the subject's id in {@code column}. */
    static SubjectLink id(String column) {
        return new ById(column);
    }

    /** The row holds the subject's email address in {@code column}. */
    static SubjectLink email(String column) {
        return new ByEmail(column);
    }

    /**
     * The row reaches the subject through joins, e.g. {@code order_items.order_id → orders.id}, then
     * {@code orders.user_id} holds the subject id: {@code path(List.of(Join.to("order_id", "orders", "id")),
     * id("user_id"))}.
     */
    static SubjectLink path(List<Join> joins, SubjectLink end) {
        return new ViaPath(joins, end);
    }

    /** The link at the end of any path: a {@link ById} or {@link ByEmail}. */
    SubjectLink terminal();

    /** Subject id in a column of the row's own table. */
    record ById(String column) implements SubjectLink {
        public ById {
            Names.require(column, "subject id column");
        }

        @Override
        public SubjectLink terminal() {
            return this;
        }
    }

    /** Subject email address in a column of the row's own table. */
    record ByEmail(String column) implements SubjectLink {
        public ByEmail {
            Names.require(column, "subject email column");
        }

        @Override
        public SubjectLink terminal() {
            return this;
        }
    }

    /**
     * Joins from the row's table to another, then a direct link there.
     *
     * @param joins one or more hops, in order from the mapped table outwards
     * @param end where the subject is found in the last table: a {@link ById} or {@link ByEmail}
     */
    record ViaPath(List<Join> joins, SubjectLink end) implements SubjectLink {
        public ViaPath {
            joins = List.copyOf(joins);
            if (joins.isEmpty()) {
                throw new IllegalArgumentException("a subject path needs at least one join");
            }
            if (end instanceof ViaPath) {
                throw new IllegalArgumentException("a subject path must end in an id or email column, not another path");
            }
            java.util.Objects.requireNonNull(end, "path end");
        }

        @Override
        public SubjectLink terminal() {
            return end;
        }

        /** The table where the path ends. */
        public String lastTable() {
            return joins.get(joins.size() - 1).toTable();
        }
    }
}

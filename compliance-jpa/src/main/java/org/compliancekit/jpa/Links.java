package org.compliancekit.jpa;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.compliancekit.pii.Join;
import org.compliancekit.pii.SubjectLink;

/**
 * Finds how each table's rows reach the data subject: a link declared on a basic attribute, the association chosen
 * with {@code @SubjectLink}, or else the shortest path of foreign keys (to-ones, joined-subclass, secondary and
 * collection keys) to the {@link DataSubject} table. A path whose last hop is the subject's own id is shortened to
 * the id column of the table before it, as one writes it by hand.
 */
final class Links {
    private final Map<String, MappedTable> tables;
    private final MappedTable subject;
    private final List<String> problems;
    private final Map<String, Optional<Route>> done = new HashMap<>();
    private final Set<String> visiting = new HashSet<>();

    /** A found way to the subject: hops, then the direct link in the last table. */
    private record Route(List<MappedTable.Edge> hops, SubjectLink end) {
        int length() {
            return hops.size();
        }
    }

    Links(Map<String, MappedTable> tables, MappedTable subject, List<String> problems) {
        this.tables = tables;
        this.subject = subject;
        this.problems = problems;
    }

    /** The link of {@code t}, or empty when no path leads to the subject. */
    Optional<SubjectLink> of(MappedTable t) {
        return route(t).map(Links::link);
    }

    private static SubjectLink link(Route r) {
        List<Join> joins = new ArrayList<>();
        r.hops().forEach(e -> joins.add(Join.to(e.fromColumn(), e.toTable(), e.toColumn())));
        SubjectLink end = r.end();
        if (!joins.isEmpty() && end instanceof SubjectLink.ById id
                && joins.get(joins.size() - 1).toColumn().equalsIgnoreCase(id.column())) {
            end = SubjectLink.id(joins.remove(joins.size() - 1).fromColumn());
        }
        return joins.isEmpty() ? end : SubjectLink.path(joins, end);
    }

    private Optional<Route> route(MappedTable t) {
        String key = MappedTable.key(t.name);
        Optional<Route> known = done.get(key);
        if (known != null) {
            return known;
        }
        if (!visiting.add(key)) {
            return Optional.empty(); // a cycle: this way does not lead anywhere new
        }
        Optional<Route> found = find(t);
        visiting.remove(key);
        done.put(key, found);
        return found;
    }

    private Optional<Route> find(MappedTable t) {
        if (t.direct != null) {
            return Optional.of(new Route(List.of(), t.direct));
        }
        if (subject == null) {
            return Optional.empty();
        }
        List<MappedTable.Edge> candidates = t.chosen != null ? List.of(t.chosen) : t.edges;
        Route best = null;
        List<MappedTable.Edge> tied = new ArrayList<>();
        for (MappedTable.Edge e : candidates) {
            MappedTable next = tables.get(MappedTable.key(e.toTable()));
            Optional<Route> rest = next == null ? Optional.empty() : route(next);
            if (rest.isEmpty()) {
                continue;
            }
            List<MappedTable.Edge> hops = new ArrayList<>();
            hops.add(e);
            hops.addAll(rest.get().hops());
            Route r = new Route(hops, rest.get().end());
            if (best == null || r.length() < best.length()) {
                best = r;
                tied.clear();
                tied.add(e);
            } else if (r.length() == best.length()) {
                tied.add(e);
            }
        }
        if (tied.size() > 1) {
            problems.add(t.describe() + ": several associations lead to the data subject equally far ("
                    + tied.stream().map(MappedTable.Edge::attribute).distinct().collect(Collectors.joining(", "))
                    + "); mark the one to follow with @SubjectLink");
        }
        return Optional.ofNullable(best);
    }
}

package org.compliancekit.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.compliancekit.ConfigurationException;

/**
 * What a data store holds: its tables with columns, types, keys. Maps and rules are validated against it; backups
 * record it in their manifest; restores and erasures order tables by its foreign keys.
 */
public record SchemaDescription(List<TableSchema> tables) {
    public SchemaDescription {
        tables = List.copyOf(tables);
    }

    public static SchemaDescription of(TableSchema... tables) {
        return new SchemaDescription(List.of(tables));
    }

    /**
     * The table named {@code name}: exact match first, then a case-insensitive match when exactly one table
     * matches (databases fold unquoted names to upper or lower case).
     */
    public Optional<TableSchema> table(String name) {
        for (TableSchema t : tables) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        List<TableSchema> matches = tables.stream().filter(t -> t.name().equalsIgnoreCase(name)).toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** Like {@link #table(String)} but fails with a clear error naming the table. */
    public TableSchema require(String name) {
        return table(name).orElseThrow(() -> {
            List<String> similar = tables.stream().map(TableSchema::name).filter(n -> n.equalsIgnoreCase(name))
                    .toList();
            return new ConfigurationException(similar.isEmpty()
                    ? "table " + name + " does not exist in the data store; check the name in the map or rule"
                    : "table " + name + " is ambiguous: the data store has " + similar + ", which differ only in "
                            + "case; spell the name exactly as the database does");
        });
    }

    /**
     * Orders {@code names} so that every table comes after the tables it references (parents first): the order
     * for deleting child first, which erasure needs. Self-references are allowed; any other cycle is an error
     * naming the tables in it, because no delete order satisfies it.
     */
    public List<String> parentsFirst(Collection<String> names) {
        return order(names, false);
    }

    /**
     * Orders {@code names} parents first as far as the foreign keys allow, for loading: the tables of a foreign-key
     * cycle come in the order given, after the tables outside the cycle that they reference. Stores load with
     * foreign-key checks off, so a cycle needs no particular order; the order only keeps loads readable.
     */
    public List<String> loadOrder(Collection<String> names) {
        return order(names, true);
    }

    private List<String> order(Collection<String> names, boolean tolerateCycles) {
        // Keyed by the exact name: tables whose names differ only in case are different tables.
        Map<String, TableSchema> byName = new LinkedHashMap<>();
        for (String n : names) {
            TableSchema t = require(n);
            byName.put(t.name(), t);
        }
        Map<String, Set<String>> parents = new HashMap<>();
        for (TableSchema t : byName.values()) {
            Set<String> ps = new LinkedHashSet<>();
            for (ForeignKey fk : t.foreignKeys()) {
                String p = table(fk.referencedTable()).map(TableSchema::name).orElse(fk.referencedTable());
                if (byName.containsKey(p) && !p.equals(t.name())) {
                    ps.add(p);
                }
            }
            parents.put(t.name(), ps);
        }
        List<String> out = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String k : byName.keySet()) {
            visit(k, parents, done, visiting, out, tolerateCycles);
        }
        return out;
    }

    private static void visit(String k, Map<String, Set<String>> parents, Set<String> done, Set<String> visiting,
            List<String> out, boolean tolerateCycles) {
        if (done.contains(k)) {
            return;
        }
        if (!visiting.add(k)) {
            if (tolerateCycles) {
                return; // the edge closing the cycle is the one left unordered
            }
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (String v : visiting) {
                in |= v.equals(k);
                if (in) {
                    cycle.add(v);
                }
            }
            cycle.add(k);
            throw new ConfigurationException("foreign keys form a cycle between tables " + String.join(" → ", cycle)
                    + ", so no order deletes their rows child first; make one of the foreign keys deferrable or "
                    + "nullable (ON DELETE SET NULL) so the rows can be erased in two steps");
        }
        for (String p : parents.get(k)) {
            visit(p, parents, done, visiting, out, tolerateCycles);
        }
        visiting.remove(k);
        done.add(k);
        out.add(k);
    }
}

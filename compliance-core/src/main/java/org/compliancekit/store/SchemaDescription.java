package org.compliancekit.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
        return table(name).orElseThrow(() -> new ConfigurationException(
                "table " + name + " does not exist in the data store; check the name in the map or rule"));
    }

    /**
     * Orders {@code names} so that every table comes after the tables it references (parents first): the order
     * for loading. Deleting goes in the reverse order. Self-references are allowed; any other cycle is an error
     * naming the tables in it.
     */
    public List<String> parentsFirst(Collection<String> names) {
        Map<String, TableSchema> byKey = new LinkedHashMap<>();
        for (String n : names) {
            TableSchema t = require(n);
            byKey.put(key(t.name()), t);
        }
        Map<String, Set<String>> parents = new HashMap<>();
        for (TableSchema t : byKey.values()) {
            Set<String> ps = new LinkedHashSet<>();
            for (ForeignKey fk : t.foreignKeys()) {
                String p = table(fk.referencedTable()).map(x -> key(x.name())).orElse(key(fk.referencedTable()));
                if (byKey.containsKey(p) && !p.equals(key(t.name()))) {
                    ps.add(p);
                }
            }
            parents.put(key(t.name()), ps);
        }
        List<String> out = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String k : byKey.keySet()) {
            visit(k, byKey, parents, done, visiting, out);
        }
        return out;
    }

    private static void visit(String k, Map<String, TableSchema> byKey, Map<String, Set<String>> parents,
            Set<String> done, Set<String> visiting, List<String> out) {
        if (done.contains(k)) {
            return;
        }
        if (!visiting.add(k)) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (String v : visiting) {
                in |= v.equals(k);
                if (in) {
                    cycle.add(byKey.get(v).name());
                }
            }
            cycle.add(byKey.get(k).name());
            throw new ConfigurationException("foreign keys form a cycle between tables " + String.join(" → ", cycle)
                    + "; make one of the foreign keys deferrable or nullable and erase in two steps");
        }
        for (String p : parents.get(k)) {
            visit(p, byKey, parents, done, visiting, out);
        }
        visiting.remove(k);
        done.add(k);
        out.add(byKey.get(k).name());
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

package org.compliancekit.jpa;

import java.util.Map;
import org.compliancekit.pii.Join;
import org.compliancekit.pii.SubjectLink;

/**
 * The subject link of a history table: the live table's link, each hop led through the history of the table it
 * reaches where there is one. So history rows stay reachable after the live rows they belonged to were deleted.
 */
final class HistoryLinks {
    private HistoryLinks() {
    }

    static SubjectLink rewrite(SubjectLink link, Map<String, String> historyOf) {
        if (!(link instanceof SubjectLink.ViaPath path)) {
            return link;
        }
        return SubjectLink.path(path.joins().stream()
                .map(j -> Join.to(j.fromColumn(), historyOf.getOrDefault(MappedTable.key(j.toTable()), j.toTable()),
                        j.toColumn()))
                .toList(), path.end());
    }
}

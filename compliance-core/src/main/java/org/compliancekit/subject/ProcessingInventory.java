package org.compliancekit.subject;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.compliancekit.pii.Join;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Processor;
import org.compliancekit.pii.SubjectLink;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.retention.RetentionRule;

/**
 * The record of processing activities (GDPR art. 30) as people read it: the machine-readable map, rules and
 * processor register rendered as Markdown or HTML. Every value from the map is escaped for the target format, so
 * a table or reason containing markup cannot break or inject into the document.
 */
public final class ProcessingInventory {
    private final PiiMap map;
    private final List<RetentionRule> rules;

    private ProcessingInventory(PiiMap map, List<RetentionRule> rules) {
        this.map = map;
        this.rules = rules;
    }

    /** The inventory of {@code map} with the retention periods of {@code rules}. */
    public static ProcessingInventory of(PiiMap map, List<RetentionRule> rules) {
        return new ProcessingInventory(Objects.requireNonNull(map, "map"), List.copyOf(rules));
    }

    /** One heading with a few key facts and tables below it. */
    private record Section(String title, List<String[]> facts, List<Grid> grids) {
    }

    /** A captioned table; {@code rows} hold plain text, escaped when rendered. */
    private record Grid(String caption, List<String> headers, List<List<String>> rows) {
    }

    /** The inventory as GitHub-flavoured Markdown. */
    public String markdown() {
        StringBuilder out = new StringBuilder("# Record of processing activities\n");
        for (Section s : sections()) {
            out.append("\n## ").append(md(s.title())).append("\n\n");
            for (String[] f : s.facts()) {
                out.append("- **").append(md(f[0])).append(":** ").append(md(f[1])).append('\n');
            }
            for (Grid g : s.grids()) {
                out.append("\n").append(md(g.caption())).append(":\n\n");
                if (g.rows().isEmpty()) {
                    out.append("_none_\n");
                    continue;
                }
                out.append(g.headers().stream().map(ProcessingInventory::md).collect(Collectors.joining(" | ", "| ", " |\n")));
                out.append(g.headers().stream().map(h -> "---").collect(Collectors.joining(" | ", "| ", " |\n")));
                for (List<String> r : g.rows()) {
                    out.append(r.stream().map(ProcessingInventory::md).collect(Collectors.joining(" | ", "| ", " |\n")));
                }
            }
        }
        return out.toString();
    }

    /** The inventory as a self-contained HTML document. */
    public String html() {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
                + "<title>Record of processing activities</title></head>\n<body>\n"
                + "<h1>Record of processing activities</h1>\n");
        for (Section s : sections()) {
            out.append("<h2>").append(html(s.title())).append("</h2>\n");
            if (!s.facts().isEmpty()) {
                out.append("<dl>\n");
                for (String[] f : s.facts()) {
                    out.append("<dt>").append(html(f[0])).append("</dt><dd>").append(html(f[1])).append("</dd>\n");
                }
                out.append("</dl>\n");
            }
            for (Grid g : s.grids()) {
                out.append("<table>\n<caption>").append(html(g.caption())).append("</caption>\n<tr>");
                g.headers().forEach(h -> out.append("<th>").append(html(h)).append("</th>"));
                out.append("</tr>\n");
                if (g.rows().isEmpty()) {
                    out.append("<tr><td colspan=\"").append(g.headers().size()).append("\">none</td></tr>\n");
                }
                for (List<String> r : g.rows()) {
                    out.append("<tr>");
                    r.forEach(c -> out.append("<td>").append(html(c)).append("</td>"));
                    out.append("</tr>\n");
                }
                out.append("</table>\n");
            }
        }
        return out.append("</body>\n</html>\n").toString();
    }

    private List<Section> sections() {
        List<Section> out = new ArrayList<>();
        for (TableMapping t : map.tables()) {
            List<String[]> facts = new ArrayList<>();
            facts.add(new String[] {"Purpose", t.purpose().isEmpty() ? "not stated" : t.purpose()});
            facts.add(new String[] {"Data categories", t.categories().isEmpty() ? "not stated" : String.join(", ", t.categories())});
            facts.add(new String[] {"Subject link", t.link().map(ProcessingInventory::describe).orElse("none (retention only)")});
            facts.add(new String[] {"On erasure", t.exportOnly()
                    ? "kept: exported on request, never erased, because " + t.keptBecause()
                    : SubjectScope.lower(t.onErasure())});
            if (!t.identities().isEmpty()) {
                facts.add(new String[] {"Subject identities", String.join(", ", t.identities().stream()
                        .map(i -> i.identity() + " in " + i.column()).toList())});
            }
            List<List<String>> fields = t.erasedFields().stream()
                    .map(f -> List.of(f.column(), f.strategy().name())).toList();
            List<List<String>> kept = t.keptFields().stream()
                    .map(f -> List.of(f.column(), SubjectScope.keptReason(f))).toList();
            List<List<String>> retention = SubjectScope.rulesOf(rules, t.table()).stream()
                    .map(r -> List.of(r.name(), SubjectScope.lower(r.action()), r.period().toString(), r.timestampColumn()))
                    .toList();
            out.add(new Section("Table " + t.table(), facts, List.of(
                    new Grid("Personal data fields", List.of("Column", "Strategy"), fields),
                    new Grid("Fields kept", List.of("Column", "Reason"), kept),
                    new Grid("Retention", List.of("Rule", "Action", "After", "Counting from"), retention))));
        }
        List<List<String>> processors = new ArrayList<>();
        for (Processor p : map.processors()) {
            processors.add(List.of(p.name(), p.purpose(), String.join(", ", p.dataShared()),
                    SubjectScope.lower(p.dpaStatus()), p.location()));
        }
        out.add(new Section("Processors", List.of(), List.of(new Grid("Recipients of personal data",
                List.of("Name", "Purpose", "Data shared", "DPA", "Location"), processors))));
        return out;
    }

    private static String describe(SubjectLink link) {
        if (link instanceof SubjectLink.ViaPath p) {
            return "via " + p.joins().stream().map(Join::toString).collect(Collectors.joining(", ")) + ", then "
                    + describe(p.end()) + " of " + p.lastTable();
        }
        return link instanceof SubjectLink.ById id ? "subject id in " + id.column()
                : "subject email in " + ((SubjectLink.ByEmail) link).column();
    }

    // Markdown: a backslash before every character that can open inline markup or end a table cell; values never
    // start a line, so block markup (#, -, 1.) cannot trigger. Angle brackets and ampersands become entities,
    // as Markdown passes raw HTML through.
    private static String md(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '\n' || c == '\r') {
                b.append(' ');
            } else if (c == '<') {
                b.append("&lt;");
            } else if (c == '>') {
                b.append("&gt;");
            } else if (c == '&') {
                b.append("&amp;");
            } else {
                if ("\\`*_[]|~".indexOf(c) >= 0) {
                    b.append('\\');
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String html(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "ProcessingInventory[" + map.tables().size() + " tables, " + map.processors().size() + " processors]";
    }
}

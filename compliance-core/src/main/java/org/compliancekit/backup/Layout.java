package org.compliancekit.backup;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.compliancekit.store.BlobStore;
import org.compliancekit.store.BlobStore.BlobInfo;

/**
 * Where a backup set's objects live: {@code backups/<name>/<folder>/manifest.json} and one file per table. A folder
 * is the UTC date of the backup ({@code 2026-03-01}); a further backup on a date that already has a folder goes to
 * {@code 2026-03-01T101530Z} (UTC time of day), with {@code -2}, {@code -3}… appended in the rare case that exists
 * too. Folder names therefore sort chronologically.
 */
final class Layout {
    static final String MANIFEST = "manifest.json";
    private static final Pattern FOLDER = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})(?:T(\\d{2})(\\d{2})(\\d{2})Z(?:-\\d+)?)?");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

    private final String prefix;

    Layout(String name) {
        this.prefix = "backups/" + name + "/";
    }

    String prefix() {
        return prefix;
    }

    String manifestKey(String folder) {
        return prefix + folder + "/" + MANIFEST;
    }

    String tableKey(String folder, String table, boolean encrypted, BackupCompression compression) {
        return prefix + folder + "/" + fileName(table) + (compression == BackupCompression.ZSTD ? ".json.zst" : ".json")
                + (encrypted ? ".enc" : "");
    }

    /** A folder for a backup starting at {@code now} that no object uses yet. */
    String newFolder(BlobStore store, Instant now) {
        LocalDateTime t = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        String date = t.toLocalDate().toString();
        if (isFree(store, date)) {
            return date;
        }
        String timed = date + "T" + TIME.format(t) + "Z";
        String candidate = timed;
        for (int n = 2; !isFree(store, candidate); n++) {
            candidate = timed + "-" + n;
        }
        return candidate;
    }

    /** Free means holding nothing at all: no object, and no unfinished write a killed backup left behind. */
    private boolean isFree(BlobStore store, String folder) {
        try (Stream<BlobInfo> s = store.list(prefix + folder + "/");
                Stream<BlobInfo> unfinished = store.listUnfinished(prefix + folder + "/")) {
            return s.findAny().isEmpty() && unfinished.findAny().isEmpty();
        }
    }

    /** The UTC date and time a folder name stands for; empty for names this layout never writes. */
    static Optional<Instant> folderTime(String folder) {
        Matcher m = FOLDER.matcher(folder);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate d = LocalDate.parse(m.group(1));
            LocalDateTime t = m.group(2) == null ? d.atStartOfDay()
                    : d.atTime(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
            return Optional.of(t.toInstant(ZoneOffset.UTC));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** What listing found in one folder. */
    record Folder(String name, boolean hasManifest, long objects, Instant newestObject) {
    }

    /**
     * The backup folders of the set, oldest first (by the time in the name, then the suffix). Only names this layout writes count; anything else under the
     * prefix is left alone. Reads the listing once, lazily; holds one summary per folder.
     */
    List<Folder> folders(BlobStore store) {
        List<Folder> out = new ArrayList<>();
        try (Stream<BlobInfo> s = store.list(prefix)) {
            String current = null;
            boolean manifest = false;
            long objects = 0;
            Instant newest = Instant.MIN;
            for (BlobInfo b : (Iterable<BlobInfo>) s::iterator) {
                String rest = b.key().substring(prefix.length());
                int slash = rest.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                String folder = rest.substring(0, slash);
                if (!folder.equals(current)) {
                    addIfBackup(out, current, manifest, objects, newest);
                    current = folder;
                    manifest = false;
                    objects = 0;
                    newest = Instant.MIN;
                }
                manifest |= rest.substring(slash + 1).equals(MANIFEST);
                objects++;
                if (b.lastModified() != null && b.lastModified().isAfter(newest)) {
                    newest = b.lastModified();
                }
            }
            addIfBackup(out, current, manifest, objects, newest);
        }
        out.sort(CHRONOLOGICAL);
        return out;
    }

    /** Folders by the time in their name, then by the suffix (key order would put "…Z-2/" before "…Z/"). */
    static final java.util.Comparator<Folder> CHRONOLOGICAL = java.util.Comparator
            .comparing((Folder f) -> folderTime(f.name()).orElseThrow())
            .thenComparingInt(f -> f.name().length()).thenComparing(Folder::name);

    /** The folder a key under this set's prefix lies in, when it is one this layout writes. */
    Optional<String> folderOf(String key) {
        String rest = key.startsWith(prefix) ? key.substring(prefix.length()) : "";
        int slash = rest.indexOf('/');
        return slash < 0 ? Optional.empty()
                : Optional.of(rest.substring(0, slash)).filter(f -> folderTime(f).isPresent());
    }

    private static void addIfBackup(List<Folder> out, String folder, boolean manifest, long objects, Instant newest) {
        if (folder != null && folderTime(folder).isPresent()) {
            out.add(new Folder(folder, manifest, objects, newest));
        }
    }

    /**
     * The file name for a table: the name itself when it is made of lower-case ASCII letters, digits, {@code .},
     * {@code _} and {@code -}, otherwise each other UTF-8 byte, upper-case letters included, as {@code %XX}. Names
     * that differ only in case thus never share a file, not even on a case-insensitive file system or object
     * store. A name that would read {@code manifest} gets its first letter escaped so it cannot clash with the
     * manifest.
     */
    static String fileName(String table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = table.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '_' || b == '-'
                    || (b == '.' && i > 0);
            if (plain && !(i == 0 && table.equals("manifest"))) {
                out.write(b);
            } else {
                out.writeBytes(String.format("%%%02X", b).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}

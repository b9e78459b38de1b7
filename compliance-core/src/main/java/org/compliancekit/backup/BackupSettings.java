package org.compliancekit.backup;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.compliancekit.ConfigurationException;
import org.compliancekit.store.TableId;

/**
 * How and when backups run.
 *
 * @param enabled whether the daily job backs up at all (default off)
 * @param name the backup set's name, the folder under {@code backups/} (default {@code main})
 * @param cadence minimum time between two successful backups (default 24h; 168h = weekly)
 * @param retention backup folders older than this are deleted by cleanup (default 30 days)
 * @param encrypted whether table files are AES-256-GCM encrypted (default on)
 * @param excludeTables tables never backed up (default: configuration and system tables)
 * @param compression how table files are compressed before encryption (default {@link BackupCompression#ZSTD})
 * @param schemas the schemas (databases on MariaDB/MySQL) backed up, spelled as the database stores them; empty
 *     (the default) backs up every schema the data store describes: on PostgreSQL and H2 every schema but the
 *     system ones, on MariaDB/MySQL the connection's database
 * @param parallelism how many tables are read at once, each over a connection of its own that shares the backup's
 *     snapshot; {@link #AUTO_PARALLELISM} (the default) picks {@link #autoParallelism()}. Stores that cannot share a
 *     snapshot between connections (MariaDB, MySQL, H2) read one table at a time whatever it says
 */
public record BackupSettings(
        boolean enabled, String name, Duration cadence, Duration retention, boolean encrypted, Set<String> excludeTables,
        BackupCompression compression, Set<String> schemas, int parallelism) {

    /** Default of {@code backup.enabled}: off until the application turns backups on. */
    public static final boolean DEFAULT_ENABLED = false;
    /** Default of {@code backup.name}. */
    public static final String DEFAULT_NAME = "main";
    /** Default of {@code backup.cadence}. */
    public static final Duration DEFAULT_CADENCE = Duration.ofHours(24);
    /** Default of {@code backup.retention}. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    /** Default of {@code backup.encrypted}. */
    public static final boolean DEFAULT_ENCRYPTED = true;
    /** {@code backup.parallelism: auto}: as many connections as {@link #autoParallelism()} says. */
    public static final int AUTO_PARALLELISM = 0;
    /** Default of {@code backup.parallelism}: {@code auto}. */
    public static final int DEFAULT_PARALLELISM = AUTO_PARALLELISM;
    /**
     * The most connections {@code auto} takes, so that a pool of the common default size (10) keeps most of its
     * connections for the application while a backup runs.
     */
    public static final int AUTO_PARALLELISM_CAP = 4;
    /** The largest {@code backup.parallelism} accepted. */
    public static final int MAX_PARALLELISM = 64;

    /** Default of {@code backup.schemas}: none named, so every schema the data store describes. */
    public static final Set<String> DEFAULT_SCHEMAS = Set.of();

    /** Tables skipped by default: configuration, credentials and the audit trail, which has its own retention. */
    public static final Set<String> DEFAULT_EXCLUDES = Set.of(
            "site", "role", "api_key", "apikey", "webhook", "audit", "session", "shedlock",
            "compliance_audit", "compliance_audit_head", "compliance_audit_checkpoint");

    public BackupSettings {
        name = name == null ? DEFAULT_NAME : name;
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new ConfigurationException("backup name '" + name + "' may only contain letters, digits, '.', '_' and '-'");
        }
        requirePositive(cadence, "backup.cadence");
        requirePositive(retention, "backup.retention");
        excludeTables = Set.copyOf(new TreeSet<>(excludeTables));
        compression = compression == null ? BackupCompression.ZSTD : compression;
        schemas = schemas == null ? DEFAULT_SCHEMAS : Set.copyOf(new TreeSet<>(schemas));
        for (String s : schemas) {
            if (s.isEmpty()) {
                throw new ConfigurationException("backup.schemas must not hold an empty schema name");
            }
        }
        if (parallelism < AUTO_PARALLELISM || parallelism > MAX_PARALLELISM) {
            throw new ConfigurationException("backup.parallelism must be auto or a whole number from 1 to "
                    + MAX_PARALLELISM + ", was " + parallelism);
        }
    }

    /** Settings with the default parallelism ({@code auto}). */
    public BackupSettings(
            boolean enabled, String name, Duration cadence, Duration retention, boolean encrypted, Set<String> excludeTables,
            BackupCompression compression, Set<String> schemas) {
        this(enabled, name, cadence, retention, encrypted, excludeTables, compression, schemas, DEFAULT_PARALLELISM);
    }

    /** Settings backing up every schema the data store describes, with the default parallelism ({@code auto}). */
    public BackupSettings(
            boolean enabled, String name, Duration cadence, Duration retention, boolean encrypted, Set<String> excludeTables,
            BackupCompression compression) {
        this(enabled, name, cadence, retention, encrypted, excludeTables, compression, DEFAULT_SCHEMAS);
    }

    /** Settings with the default compression ({@link BackupCompression#ZSTD}). */
    public BackupSettings(
            boolean enabled, String name, Duration cadence, Duration retention, boolean encrypted, Set<String> excludeTables) {
        this(enabled, name, cadence, retention, encrypted, excludeTables, BackupCompression.ZSTD);
    }

    /** The defaults: disabled, {@code main}, every 24h, kept 30 days, encrypted, default excludes, zstd. */
    public static BackupSettings defaults() {
        return new BackupSettings(DEFAULT_ENABLED, DEFAULT_NAME, DEFAULT_CADENCE, DEFAULT_RETENTION, DEFAULT_ENCRYPTED,
                DEFAULT_EXCLUDES);
    }

    public BackupSettings withEnabled(boolean enabled) {
        return new BackupSettings(enabled, name, cadence, retention, encrypted, excludeTables, compression, schemas,
                parallelism);
    }

    public BackupSettings withName(String name) {
        return new BackupSettings(enabled, name, cadence, retention, encrypted, excludeTables, compression, schemas,
                parallelism);
    }

    public BackupSettings withCadence(Duration cadence) {
        return new BackupSettings(enabled, name, cadence, retention, encrypted, excludeTables, compression, schemas,
                parallelism);
    }

    public BackupSettings withRetention(Duration retention) {
        return new BackupSettings(enabled, name, cadence, retention, encrypted, excludeTables, compression, schemas,
                parallelism);
    }

    public BackupSettings withEncrypted(boolean encrypted) {
        return new BackupSettings(enabled, name, cadence, retention, encrypted, excludeTables, compression, schemas,
                parallelism);
    }

    public BackupSettings withExcludeTables(Set<String> excludeTables) {
        return new BackupSettings(enabled, name, cadence, retention, encrypted, excludeTables, compression, schemas,
                parallelism);
    }

    public BackupSettings withCompression(BackupCompression compression) {
        return new BackupSettings(enabled, name, cadence, retention, encrypted, excludeTables, compression, schemas,
                parallelism);
    }

    public BackupSettings withSchemas(Set<String> schemas) {
        return new BackupSettings(enabled, name, cadence, retention, encrypted, excludeTables, compression, schemas,
                parallelism);
    }

    public BackupSettings withParallelism(int parallelism) {
        return new BackupSettings(enabled, name, cadence, retention, encrypted, excludeTables, compression, schemas,
                parallelism);
    }

    /**
     * The {@code backup.parallelism} written as {@code text}: {@code auto} or a whole number from 1 to
     * {@value #MAX_PARALLELISM}.
     *
     * @param setting names the setting in the error, e.g. {@code backup.parallelism} or {@code --parallelism}
     * @throws ConfigurationException naming {@code setting} for anything else
     */
    public static int parseParallelism(String text, String setting) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("auto")) {
            return AUTO_PARALLELISM;
        }
        try {
            int n = Integer.parseInt(t);
            if (n >= 1 && n <= MAX_PARALLELISM) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new ConfigurationException(setting + " must be auto or a whole number from 1 to " + MAX_PARALLELISM
                + ", was '" + text + "'");
    }

    /** {@link #parallelism()} as a policy file writes it: {@code auto} or the number. */
    public String parallelismText() {
        return parallelism == AUTO_PARALLELISM ? "auto" : Integer.toString(parallelism);
    }

    /**
     * What {@code auto} means on this machine: one connection per core, at most {@value #AUTO_PARALLELISM_CAP}. A
     * backup reads, encodes and encrypts each table on about two threads, so more connections than cores gain
     * nothing; an application whose pool is small sets {@code backup.parallelism} below its pool size.
     */
    public static int autoParallelism() {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), AUTO_PARALLELISM_CAP));
    }

    /** The connections a backup of {@code tables} tables reads over at most: never more than there are tables. */
    public int parallelismFor(int tables) {
        int wanted = parallelism == AUTO_PARALLELISM ? autoParallelism() : parallelism;
        return Math.max(1, Math.min(wanted, tables));
    }

    /**
     * Whether {@code table} is excluded (compared case-insensitively). A table of a schema other than the default is
     * named by its {@link TableId#id()} ({@code "sales"."orders"}) or as {@code sales.orders}.
     */
    public boolean excludes(String table) {
        String dotted = dotted(table);
        return excludeTables.stream().anyMatch(t -> t.equalsIgnoreCase(table) || t.equalsIgnoreCase(dotted));
    }

    /**
     * Whether the schema of {@code table} is backed up: always when {@link #schemas()} is empty; otherwise when it
     * names the table's schema exactly, the default schema's tables counting as of {@code defaultSchema} (and as
     * backed up when the store names no default schema).
     */
    public boolean coversSchemaOf(String table, java.util.Optional<String> defaultSchema) {
        if (schemas.isEmpty()) {
            return true;
        }
        TableId id = TableId.parse(table);
        if (id.inDefaultSchema()) {
            return defaultSchema.map(schemas::contains).orElse(true);
        }
        return schemas.contains(id.schema());
    }

    private static String dotted(String table) {
        try {
            return TableId.parse(table).display();
        } catch (IllegalArgumentException e) {
            return table; // a name from a rule, not from the store: compared as written
        }
    }

    static void requirePositive(Duration d, String setting) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigurationException(setting + " must be a positive duration, was " + d);
        }
    }
}

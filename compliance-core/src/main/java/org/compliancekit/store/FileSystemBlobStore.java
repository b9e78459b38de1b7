package org.compliancekit.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.compliancekit.StorageException;
import org.compliancekit.store.support.Keys;

/**
 * A {@link BlobStore} in a local folder: each key is a file under the root, {@code /} separating folders. Writes go
 * to a temporary file in the target folder, are flushed to disk and renamed over the key, so an object is either
 * wholly there or not at all, also after a crash. Listing walks one folder at a time, in key order.
 *
 * <p>Temporary files are named {@code .<name>.<random>.cktmp} and never listed as objects; keys ending in
 * {@code .cktmp} are therefore refused. Those a killed writer left behind are found by {@link #listUnfinished} and
 * removed by {@link #deleteUnfinished}. Errors name the file and keep the system's reason (no space left on device,
 * permission denied), which never holds file content.
 */
public final class FileSystemBlobStore implements BlobStore {
    private static final String TEMP_SUFFIX = ".cktmp";
    private static final int BUFFER = 64 * 1024;

    private final Path root;

    private FileSystemBlobStore(Path root) {
        this.root = root;
    }

    /**
     * A store rooted at {@code root}, created when missing.
     *
     * @throws StorageException naming the folder when it cannot be created
     */
    public static FileSystemBlobStore at(Path root) {
        Path r = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(r);
        } catch (IOException e) {
            throw new StorageException("cannot create the backup folder " + r + ": " + reason(e)
                    + "; check its permissions", e);
        }
        return new FileSystemBlobStore(r);
    }

    /**
     * A store over the existing folder {@code root}, for reading: nothing is created, so a mistyped path is an error
     * instead of a new empty folder.
     *
     * @throws StorageException naming the folder when it does not exist or is not a folder
     */
    public static FileSystemBlobStore existing(Path root) {
        Path r = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(r)) {
            throw new StorageException("the backup folder " + r + " does not exist or is not a folder; check the path");
        }
        return new FileSystemBlobStore(r);
    }

    /** The system's reason for an I/O failure, e.g. "No space left on device", naming the file where it did. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs) {
            // The JDK leaves the reason out for some failures and says it with the type: FileAlreadyExistsException
            // becomes "File already exists".
            String why = fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName()
                    .replaceAll("Exception$", "").replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(java.util.Locale.ROOT);
            why = why.isEmpty() ? "" : Character.toUpperCase(why.charAt(0)) + why.substring(1);
            return (fs.getFile() == null ? "" : fs.getFile() + ": ") + why;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public BlobOutput put(String key) {
        Path target = resolve(key);
        if (key.endsWith(TEMP_SUFFIX)) {
            throw new IllegalArgumentException("object key '" + key + "' must not end in " + TEMP_SUFFIX);
        }
        try {
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
            FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new FileOutput(key, target, temp, channel);
        } catch (IOException e) {
            throw new StorageException("cannot write object " + key + " under " + root + ": " + reason(e), e);
        }
    }

    @Override
    public InputStream get(String key) {
        try {
            return Files.newInputStream(resolve(key));
        } catch (NoSuchFileException e) {
            throw new StorageException("object " + key + " does not exist under " + root);
        } catch (IOException e) {
            throw new StorageException("cannot read object " + key + " under " + root + ": " + reason(e), e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public Stream<BlobInfo> list(String prefix) {
        return walk(prefix, false);
    }

    /** The temporary files under {@code prefix}, keyed by their path under the root. */
    @Override
    public Stream<BlobInfo> listUnfinished(String prefix) {
        return walk(prefix, true);
    }

    private Stream<BlobInfo> walk(String prefix, boolean temporary) {
        int slash = prefix.lastIndexOf('/');
        String folder = slash < 0 ? "" : prefix.substring(0, slash + 1);
        if (!folder.isEmpty()) {
            Keys.check(folder.substring(0, folder.length() - 1));
        }
        Walk walk = new Walk(folder, prefix.substring(folder.length()), temporary);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(walk, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    @Override
    public List<DeleteFailure> deleteUnfinished(List<String> keys) {
        List<DeleteFailure> failures = new ArrayList<>();
        for (String key : keys) {
            Path p = root.resolve(key).normalize();
            if (!key.endsWith(TEMP_SUFFIX) || !p.startsWith(root) || p.equals(root)) {
                failures.add(new DeleteFailure(key, "not a temporary file of this store"));
                continue;
            }
            try {
                Files.deleteIfExists(p);
                pruneEmptyFolders(p.getParent());
            } catch (IOException e) {
                failures.add(new DeleteFailure(key, reason(e)));
            }
        }
        return failures;
    }

    @Override
    public List<DeleteFailure> delete(List<String> keys) {
        List<DeleteFailure> failures = new ArrayList<>();
        for (String key : keys) {
            try {
                Path p = resolve(key);
                Files.deleteIfExists(p);
                pruneEmptyFolders(p.getParent());
            } catch (IOException e) {
                failures.add(new DeleteFailure(key, reason(e)));
            } catch (IllegalArgumentException e) {
                failures.add(new DeleteFailure(key, e.getMessage()));
            }
        }
        return failures;
    }

    @Override
    public String toString() {
        return "FileSystemBlobStore[" + root + "]";
    }

    private Path resolve(String key) {
        Keys.check(key);
        return root.resolve(key);
    }

    /** Removes folders left empty by a delete, up to the root, so listings stay short. */
    private void pruneEmptyFolders(Path folder) {
        for (Path f = folder; f != null && f.startsWith(root) && !f.equals(root); f = f.getParent()) {
            try {
                Files.delete(f);
            } catch (IOException e) {
                return; // not empty (or already gone): nothing more to prune
            }
        }
    }

    /** Flushes a directory's entries to disk; not every platform can open a directory, so failures are ignored. */
    private static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Windows cannot open directories; the rename itself is still atomic there.
        }
    }

    private static final class FileOutput extends BlobOutput {
        private final String key;
        private final Path target;
        private final Path temp;
        private final FileChannel channel;
        private final OutputStream out;
        private boolean done;

        FileOutput(String key, Path target, Path temp, FileChannel channel) {
            this.key = key;
            this.target = target;
            this.temp = temp;
            this.channel = channel;
            this.out = new java.io.BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        /** The failure with the object, the file and the system's reason in its message, which callers may show. */
        private IOException failed(IOException e) {
            return new IOException("cannot write object " + key + " (" + reason(e) + " writing " + temp + ")", e);
        }

        @Override
        public void close() throws IOException {
            if (done) {
                return;
            }
            done = true;
            try {
                out.flush();
                channel.force(true);
                channel.close();
                move();
                syncFolder(target.getParent());
            } catch (IOException | RuntimeException e) {
                discard();
                throw new StorageException("cannot publish object " + key + ": " + (e instanceof IOException io
                        ? reason(io) : e.getMessage()) + "; nothing was written", e);
            }
        }

        private void move() throws IOException {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        @Override
        public void abort() {
            if (!done) {
                done = true;
                discard();
            }
        }

        private void discard() {
            try {
                channel.close();
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                throw new StorageException("cannot remove the temporary file " + temp + " of object " + key + ": "
                        + reason(e), e);
            }
        }
    }

    /**
     * Depth-first walk in key order. Each level holds one folder's entries sorted by their key segment (a folder's
     * segment ends in {@code /}), which orders keys exactly as string comparison of whole keys does.
     */
    private final class Walk implements Iterator<BlobInfo> {
        private final Deque<Iterator<Entry>> levels = new ArrayDeque<>();
        private BlobInfo next;

        private final boolean temporary;

        /** Walks the objects, or with {@code temporary} the temporary files, under {@code folder}. */
        Walk(String folder, String namePrefix, boolean temporary) {
            this.temporary = temporary;
            Path start = folder.isEmpty() ? root : root.resolve(folder);
            if (Files.isDirectory(start)) {
                levels.push(entries(start, folder, namePrefix).iterator());
            }
        }

        @Override
        public boolean hasNext() {
            while (next == null && !levels.isEmpty()) {
                Iterator<Entry> level = levels.peek();
                if (!level.hasNext()) {
                    levels.pop();
                    continue;
                }
                Entry e = level.next();
                if (e.folder()) {
                    levels.push(entries(e.path(), e.key(), "").iterator());
                } else {
                    next = info(e);
                }
            }
            return next != null;
        }

        @Override
        public BlobInfo next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            BlobInfo n = next;
            next = null;
            return n;
        }

        private BlobInfo info(Entry e) {
            try {
                BasicFileAttributes a = Files.readAttributes(e.path(), BasicFileAttributes.class);
                return new BlobInfo(e.key(), a.size(), a.lastModifiedTime().toInstant());
            } catch (IOException ex) {
                throw new StorageException("cannot read the attributes of object " + e.key() + " under " + root + ": "
                        + reason(ex), ex);
            }
        }

        private List<Entry> entries(Path dir, String keyPrefix, String namePrefix) {
            List<Entry> out = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                for (Path p : s) {
                    String name = p.getFileName().toString();
                    boolean folder = Files.isDirectory(p);
                    boolean wanted = folder || name.endsWith(TEMP_SUFFIX) == temporary;
                    if (!wanted || !(name.startsWith(namePrefix) || temporary && name.startsWith("." + namePrefix))) {
                        continue;
                    }
                    out.add(new Entry(p, keyPrefix + name + (folder ? "/" : ""), folder));
                }
            } catch (NoSuchFileException e) {
                return out; // deleted while listing
            } catch (IOException e) {
                throw new StorageException("cannot list " + dir + " under " + root + ": " + reason(e), e);
            }
            out.sort((a, b) -> a.key().compareTo(b.key()));
            return out;
        }
    }

    private record Entry(Path path, String key, boolean folder) {
    }
}

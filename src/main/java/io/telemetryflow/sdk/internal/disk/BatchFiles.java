package io.telemetryflow.sdk.internal.disk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One signal's disk buffer: a directory with one file per batch the retry buffer holds, so that what
 * an outage left unsent survives a restart — also a {@code SIGKILL}: a batch is written to a temporary
 * file and moved into place, so a file is there complete or not at all. The retry buffer deletes a
 * file once every item of it is delivered, dropped or refused. Files carry span and log data only,
 * never the API key (headers are not data). The directory is locked against a second process (or client)
 * of the same service using it at the same time.
 *
 * @param <T> the item type
 */
public final class BatchFiles<T> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BatchFiles.class.getName());
    private static final String SUFFIX = ".batch";

    /** Turns a batch into bytes and back. */
    public interface Codec<T> {
        byte[] encode(List<T> items) throws IOException;

        List<T> decode(byte[] bytes) throws IOException;
    }

    /** A batch found at start: its file id and its items. */
    public record Stored<T>(long id, List<T> items) {
    }

    private final Path directory;
    private final Codec<T> codec;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final long firstId;

    private BatchFiles(Path directory, Codec<T> codec, FileChannel lockChannel, FileLock lock, long firstId) {
        this.directory = directory;
        this.codec = codec;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.firstId = firstId;
    }

    /**
     * Opens (creating it if needed) and locks {@code directory}.
     *
     * @throws IOException if it cannot be created or written, or another process or client holds it
     */
    public static <T> BatchFiles<T> open(Path directory, Codec<T> codec) throws IOException {
        Files.createDirectories(directory);
        FileChannel channel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException(directory + " is in use by another process or client of this service");
        }
        long max = 0;
        for (Path file : files(directory)) {
            max = Math.max(max, id(file));
        }
        return new BatchFiles<>(directory, codec, channel, lock, max + 1);
    }

    /** The directory. */
    public Path directory() {
        return directory;
    }

    /**
     * Writes {@code items} as one batch file and returns its id: the ids of this run start above every file an
     * earlier run left, plus {@code sequence}, the batch's place in the order of arrival (unique per batch, from 0).
     * Files therefore sort as the batches arrived, not as they were written: with two exports on the wire, an
     * earlier batch can fail, and be written, after later ones were kept behind it.
     */
    public long write(List<T> items, long sequence) throws IOException {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative: " + sequence);
        }
        long id = firstId + sequence;
        Path target = directory.resolve(name(id));
        Path temporary = directory.resolve(name(id) + ".tmp");
        Files.write(temporary, codec.encode(items));
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return id;
    }

    /** Deletes the batch file {@code id} (its items are settled). */
    public void delete(long id) {
        try {
            Files.deleteIfExists(directory.resolve(name(id)));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "TelemetryFlow: could not delete the buffered batch {0}: {1} (it may be sent again"
                + " at the next start)", new Object[] {directory.resolve(name(id)), e.toString()});
        }
    }

    /**
     * The batches an earlier run left, oldest first. A file that cannot be read (cut short by a full disk, or
     * not ours) is renamed {@code *.corrupt} and logged; temporary files of an interrupted write are removed.
     */
    public List<Stored<T>> restore() throws IOException {
        List<Stored<T>> batches = new ArrayList<>();
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, "*" + SUFFIX + ".tmp")) {
            for (Path tmp : leftovers) {
                Files.deleteIfExists(tmp);
            }
        }
        for (Path file : files(directory)) {
            try {
                batches.add(new Stored<>(id(file), codec.decode(Files.readAllBytes(file))));
            } catch (IOException | RuntimeException e) {
                Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                LOG.log(Level.WARNING, "TelemetryFlow: the buffered batch {0} cannot be read ({1}); moved to {2}, not sent",
                    new Object[] {file, e.toString(), aside.getFileName()});
            }
        }
        return batches;
    }

    /** Releases the directory's lock (the files stay for the next start). */
    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "TelemetryFlow: releasing the lock of " + directory, e);
        }
    }

    private static List<Path> files(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : all) {
                if (id(file) > 0) {
                    files.add(file);
                }
            }
        }
        files.sort((a, b) -> Long.compare(id(a), id(b)));
        return files;
    }

    private static long id(Path file) {
        String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return -1;
        }
    }

    // zero-padded: the names sort like the ids
    private static String name(long id) {
        return String.format(java.util.Locale.ROOT, "%019d%s", id, SUFFIX);
    }
}

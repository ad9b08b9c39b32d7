package io.jdbcactivity.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * One file the {@code jsonl} sink appends to, shared by every publisher of the JVM that names the
 * same path (two pools whose URLs differ only in an option have two publishers): each write is a
 * run of whole lines, made under this object's lock with one append, so lines of two publishers
 * never interleave or split. The file is opened in append mode: another process appending to it
 * with whole-line writes does not split lines either (each write lands at the end of the file).
 */
final class JsonlFile {
    private static final Map<Path, JsonlFile> OPEN = new HashMap<>();

    private final Path path;
    private final FileChannel channel;
    private final OutputStream stdout;
    private int users;

    private JsonlFile(Path path, FileChannel channel, OutputStream stdout) {
        this.path = path;
        this.channel = channel;
        this.stdout = stdout;
    }

    /** Standard output: {@code System.out} serialises whole writes itself. */
    static JsonlFile standardOutput() {
        return new JsonlFile(null, null, System.out);
    }

    /** The file at {@code path}, opened (created, appending) by its first user. */
    static JsonlFile acquire(Path path) throws IOException {
        Path key = canonical(path);
        synchronized (OPEN) {
            JsonlFile f = OPEN.get(key);
            if (f == null) {
                Path dir = key.getParent();
                if (dir != null && !Files.isDirectory(dir)) {
                    throw new IOException("directory " + dir + " does not exist");
                }
                f = new JsonlFile(key, FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND), null);
                OPEN.put(key, f);
            }
            f.users++;
            return f;
        }
    }

    /** The same file whatever the spelling: absolute, normalised, through the real directory. */
    private static Path canonical(Path path) throws IOException {
        Path p = path.toAbsolutePath().normalize();
        Path dir = p.getParent();
        return dir != null && Files.isDirectory(dir) ? dir.toRealPath().resolve(p.getFileName()) : p;
    }

    /** Appends {@code bytes[0, length)}, whole lines, in one piece. */
    void append(byte[] bytes, int length) throws IOException {
        if (stdout != null) {
            stdout.write(bytes, 0, length);
            stdout.flush();
            return;
        }
        synchronized (this) {
            ByteBuffer b = ByteBuffer.wrap(bytes, 0, length);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }
    }

    /** One user fewer; the last one closes the file. */
    void release() throws IOException {
        if (stdout != null) {
            return;
        }
        synchronized (OPEN) {
            if (--users == 0) {
                OPEN.remove(path);
                channel.close();
            }
        }
    }

    String describe() {
        return path == null ? "standard output" : path.toString();
    }
}

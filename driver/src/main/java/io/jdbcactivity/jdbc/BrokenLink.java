package io.jdbcactivity.jdbc;

import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;

/**
 * Whether an error says the link to the server is gone, even when the target driver still calls
 * the connection open: an 08xxx SQLState (MariaDB Connector/J's 08000 after a streaming read cut
 * by a KILL), or a socket's end in its causes (Connector/J reports the same cut as S1000 "Error
 * retrieving record" caused by an {@link EOFException}). Asked on the error path only.
 */
final class BrokenLink {
    private BrokenLink() {
    }

    static boolean in(Throwable error) {
        if (error instanceof SQLException e && e.getSQLState() != null && e.getSQLState().startsWith("08")) {
            return true;
        }
        int depth = 0;
        for (Throwable t = error; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof EOFException || t instanceof SocketException || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}

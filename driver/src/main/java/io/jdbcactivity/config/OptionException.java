package io.jdbcactivity.config;

import java.sql.SQLNonTransientConnectionException;

/**
 * An {@code activity.*} setting keeps the connection from opening, and will until the configuration
 * changes: non-transient, so pools and frameworks do not mistake it for a database that is briefly
 * away (Spring maps this type to {@code DataAccessResourceFailureException}). The subclass says what
 * is wrong and carries its own SQLState:
 * <ul>
 * <li>{@link UnknownOptionException}: a key that is no option, SQLState {@code HY092};</li>
 * <li>{@link InvalidOptionException}: a value the option does not take, SQLState {@code HY024};</li>
 * <li>{@link MissingOptionException}: a required option not set, SQLState {@code 08001}.</li>
 * </ul>
 * The first two are the SQL/CLI states (ISO/IEC 9075-3, also ODBC's) for exactly these mistakes in
 * a connection attribute, which is what an option is. Class {@code 22} ({@code 22023} "invalid
 * parameter value") was not taken: it is the data-exception class, about the values a statement
 * works on, and SQLState-based translators read it as a data-integrity problem.
 */
public abstract class OptionException extends SQLNonTransientConnectionException {
    private static final long serialVersionUID = 1L;

    OptionException(String message, String sqlState) {
        super(message, sqlState);
    }
}

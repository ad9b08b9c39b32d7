package io.jdbcactivity.jdbc;

import io.jdbcactivity.allowlist.Allowlist;
import io.jdbcactivity.analyze.QuoteRule;
import io.jdbcactivity.capture.BatchParameters;
import io.jdbcactivity.capture.Capture;
import io.jdbcactivity.capture.Parameters;
import io.jdbcactivity.capture.StatementKind;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Calendar;

/**
 * Wraps a target {@link PreparedStatement}. Its SQL is known at prepare time; each execution is
 * one capture and each {@code executeBatch} one capture carrying the number of rows added.
 * Parameter setters are plain delegation: they cost nothing on the hot path.
 */
public class ActivityPreparedStatement extends ActivityStatement implements PreparedStatement {
    final PreparedStatement ps;
    final String sql;
    /** What this statement keeps of its parameters; see {@code activity.parameters}. */
    final Parameters params;
    /** Rows added with addBatch() since the last execution or clear. */
    private int batchRows;
    /** The batch rows' parameters, when parameters are kept. */
    private BatchParameters batchParameters;
    /**
     * What {@link MoreResults} says of this statement's fixed text, asked once: 0 not yet, else
     * {@link #SHAPE_KNOWN} with {@link #MORE_AFTER_UPDATE_COUNT} and {@link #MORE_AFTER_RESULT_SET}.
     */
    private byte shape;
    private static final byte SHAPE_KNOWN = 1;
    private static final byte MORE_AFTER_UPDATE_COUNT = 2;
    private static final byte MORE_AFTER_RESULT_SET = 4;

    /**
     * Protect mode: the quote rule this statement's text was checked with (null: not checked yet)
     * and the first digest of it the allowlist does not hold (null: all listed). Asked at prepare
     * time; again only if the session's sql_mode changes how the text reads.
     */
    private QuoteRule checkedRule;
    private String unlistedDigest;

    ActivityPreparedStatement(ActivityConnection connection, PreparedStatement delegate, String sql) {
        super(connection, delegate);
        this.ps = delegate;
        this.sql = sql;
        this.params = new Parameters(connection.parameterMode);
        Allowlist list = connection.allowlist;
        if (list != null && list.protect() && sql != null) {
            unlisted(list, sql); // once, now: executions read the answer
        }
    }

    @Override
    final String unlisted(Allowlist list, String text) {
        if (text != sql) {
            return super.unlisted(list, text);
        }
        QuoteRule rule = connection.context().quoteRule();
        if (rule != checkedRule) {
            unlistedDigest = super.unlisted(list, text);
            checkedRule = rule;
        }
        return unlistedDigest;
    }

    /** Records a parameter's type, and its value when values are kept (objects: no boxing involved). */
    private void param(int index, int sqlType, Object value) {
        if (params.wantsValues()) {
            params.value(index, sqlType, value);
        } else {
            params.type(index, sqlType);
        }
    }

    // Primitive overloads: a setter of an int must not box it when only its type is kept.
    private void param(int index, int sqlType, boolean value) {
        if (params.wantsValues()) {
            params.value(index, sqlType, value); // boxed only when values are kept
        } else {
            params.type(index, sqlType);
        }
    }

    private void param(int index, int sqlType, byte value) {
        if (params.wantsValues()) {
            params.value(index, sqlType, value); // boxed only when values are kept
        } else {
            params.type(index, sqlType);
        }
    }

    private void param(int index, int sqlType, short value) {
        if (params.wantsValues()) {
            params.value(index, sqlType, value); // boxed only when values are kept
        } else {
            params.type(index, sqlType);
        }
    }

    private void param(int index, int sqlType, int value) {
        if (params.wantsValues()) {
            params.value(index, sqlType, value); // boxed only when values are kept
        } else {
            params.type(index, sqlType);
        }
    }

    private void param(int index, int sqlType, long value) {
        if (params.wantsValues()) {
            params.value(index, sqlType, value); // boxed only when values are kept
        } else {
            params.type(index, sqlType);
        }
    }

    private void param(int index, int sqlType, float value) {
        if (params.wantsValues()) {
            params.value(index, sqlType, value); // boxed only when values are kept
        } else {
            params.type(index, sqlType);
        }
    }

    private void param(int index, int sqlType, double value) {
        if (params.wantsValues()) {
            params.value(index, sqlType, value); // boxed only when values are kept
        } else {
            params.type(index, sqlType);
        }
    }

    /** Starts the capture of a prepared execution, with the parameters it runs with. */
    private Capture startPrepared(String method) throws SQLException {
        Capture c = start(method, sql);
        if (c != null) {
            Parameters.ParameterSet p = params.snapshot(connection.recentParameters);
            connection.recentParameters = p != null ? p : connection.recentParameters;
            c.parameters = p;
        }
        return c;
    }

    @Override
    final void fillBatch(Capture c) {
        if (batchParameters != null && !batchParameters.isEmpty()) {
            c.batchParameters = batchParameters.rows();
        }
    }

    @Override
    StatementKind kind() {
        return StatementKind.PREPARED;
    }

    @Override
    final boolean moreAfterUpdateCount(Capture c) {
        return c.sql == sql ? (shape() & MORE_AFTER_UPDATE_COUNT) != 0 : super.moreAfterUpdateCount(c);
    }

    @Override
    boolean moreAfterResultSet(Capture c) {
        return c.sql == sql ? (shape() & MORE_AFTER_RESULT_SET) != 0 : super.moreAfterResultSet(c);
    }

    /** The text is fixed: scanned once per statement, not per execution. */
    private int shape() {
        byte s = shape;
        if (s == 0) {
            s = (byte) (SHAPE_KNOWN | (MoreResults.afterUpdateCount(sql) ? MORE_AFTER_UPDATE_COUNT : 0)
                    | (MoreResults.afterResultSet(sql) ? MORE_AFTER_RESULT_SET : 0));
            shape = s;
        }
        return s;
    }

    @Override
    final String preparedSql() {
        return sql;
    }

    @Override
    final int batchSize() {
        return batchRows + super.batchSize();
    }

    @Override
    final void clearBatchState() {
        super.clearBatchState();
        batchRows = 0;
        if (batchParameters != null) {
            batchParameters.clear();
        }
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        Capture c = startPrepared("executeQuery");
        try {
            return query(c, ps.executeQuery());
        } catch (Throwable t) {
            failed(c, t);
            throw t;
        }
    }

    @Override
    public int executeUpdate() throws SQLException {
        Capture c = startPrepared("executeUpdate");
        try {
            return updated(c, ps.executeUpdate());
        } catch (Throwable t) {
            failed(c, t);
            throw t;
        }
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        Capture c = startPrepared("executeLargeUpdate");
        try {
            return updated(c, ps.executeLargeUpdate());
        } catch (Throwable t) {
            failed(c, t);
            throw t;
        }
    }

    @Override
    public boolean execute() throws SQLException {
        Capture c = startPrepared("execute");
        try {
            return executed(c, ps.execute());
        } catch (Throwable t) {
            failed(c, t);
            throw t;
        }
    }

    @Override
    public void addBatch() throws SQLException {
        ps.addBatch();
        batchRows++;
        Parameters.ParameterSet row = params.snapshot();
        if (row != null) {
            if (batchParameters == null) {
                batchParameters = new BatchParameters();
            }
            batchParameters.add(row);
        }
    }

    // ---- plain delegation ----

    @Override
    public void clearParameters() throws SQLException {
        ps.clearParameters();
        params.clear();
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        // Before the first execution, Connector/J learns the columns by running the query itself
        // (MariaDB Connector/J prepares it on the server): a DRIVER event carrying the statement's
        // SQL (see docs/reading.md).
        return connection.driverCall("getMetaData", sql, ps::getMetaData);
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        // MariaDB Connector/J prepares the statement on the server, or looks a routine's
        // parameters up in mysql.proc: a DRIVER event (without the SQL: it is not what ran)
        return connection.driverCall("getParameterMetaData", null, ps::getParameterMetaData);
    }

    @Override
    public void setArray(int parameterIndex, Array x) throws SQLException {
        ps.setArray(parameterIndex, x);
        param(parameterIndex, Types.ARRAY, x);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        ps.setAsciiStream(parameterIndex, x);
        params.type(parameterIndex, Types.LONGVARCHAR); // a stream or LOB: its type, never its content
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
        ps.setAsciiStream(parameterIndex, x, length);
        params.type(parameterIndex, Types.LONGVARCHAR); // a stream or LOB: its type, never its content
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        ps.setAsciiStream(parameterIndex, x, length);
        params.type(parameterIndex, Types.LONGVARCHAR); // a stream or LOB: its type, never its content
    }

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        ps.setBigDecimal(parameterIndex, x);
        param(parameterIndex, Types.DECIMAL, x);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        ps.setBinaryStream(parameterIndex, x);
        params.type(parameterIndex, Types.LONGVARBINARY); // a stream or LOB: its type, never its content
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        ps.setBinaryStream(parameterIndex, x, length);
        params.type(parameterIndex, Types.LONGVARBINARY); // a stream or LOB: its type, never its content
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        ps.setBinaryStream(parameterIndex, x, length);
        params.type(parameterIndex, Types.LONGVARBINARY); // a stream or LOB: its type, never its content
    }

    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException {
        ps.setBlob(parameterIndex, x);
        params.type(parameterIndex, Types.BLOB); // a stream or LOB: its type, never its content
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        ps.setBlob(parameterIndex, inputStream);
        params.type(parameterIndex, Types.BLOB); // a stream or LOB: its type, never its content
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        ps.setBlob(parameterIndex, inputStream, length);
        params.type(parameterIndex, Types.BLOB); // a stream or LOB: its type, never its content
    }

    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException {
        ps.setBoolean(parameterIndex, x);
        param(parameterIndex, Types.BOOLEAN, x);
    }

    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException {
        ps.setByte(parameterIndex, x);
        param(parameterIndex, Types.TINYINT, x);
    }

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        ps.setBytes(parameterIndex, x);
        param(parameterIndex, Types.VARBINARY, x);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        ps.setCharacterStream(parameterIndex, reader);
        params.type(parameterIndex, Types.LONGVARCHAR); // a stream or LOB: its type, never its content
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
        ps.setCharacterStream(parameterIndex, reader, length);
        params.type(parameterIndex, Types.LONGVARCHAR); // a stream or LOB: its type, never its content
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
        ps.setCharacterStream(parameterIndex, reader, length);
        params.type(parameterIndex, Types.LONGVARCHAR); // a stream or LOB: its type, never its content
    }

    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException {
        ps.setClob(parameterIndex, x);
        params.type(parameterIndex, Types.CLOB); // a stream or LOB: its type, never its content
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
        ps.setClob(parameterIndex, reader);
        params.type(parameterIndex, Types.CLOB); // a stream or LOB: its type, never its content
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        ps.setClob(parameterIndex, reader, length);
        params.type(parameterIndex, Types.CLOB); // a stream or LOB: its type, never its content
    }

    @Override
    public void setDate(int parameterIndex, Date x) throws SQLException {
        ps.setDate(parameterIndex, x);
        param(parameterIndex, Types.DATE, x);
    }

    @Override
    public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
        ps.setDate(parameterIndex, x, cal);
        param(parameterIndex, Types.DATE, x);
    }

    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException {
        ps.setDouble(parameterIndex, x);
        param(parameterIndex, Types.DOUBLE, x);
    }

    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException {
        ps.setFloat(parameterIndex, x);
        param(parameterIndex, Types.REAL, x);
    }

    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        ps.setInt(parameterIndex, x);
        param(parameterIndex, Types.INTEGER, x);
    }

    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        ps.setLong(parameterIndex, x);
        param(parameterIndex, Types.BIGINT, x);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        ps.setNCharacterStream(parameterIndex, value);
        params.type(parameterIndex, Types.LONGNVARCHAR); // a stream or LOB: its type, never its content
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        ps.setNCharacterStream(parameterIndex, value, length);
        params.type(parameterIndex, Types.LONGNVARCHAR); // a stream or LOB: its type, never its content
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        ps.setNClob(parameterIndex, value);
        params.type(parameterIndex, Types.NCLOB); // a stream or LOB: its type, never its content
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
        ps.setNClob(parameterIndex, reader);
        params.type(parameterIndex, Types.NCLOB); // a stream or LOB: its type, never its content
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        ps.setNClob(parameterIndex, reader, length);
        params.type(parameterIndex, Types.NCLOB); // a stream or LOB: its type, never its content
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        ps.setNString(parameterIndex, value);
        param(parameterIndex, Types.NVARCHAR, value);
    }

    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException {
        ps.setNull(parameterIndex, sqlType);
        param(parameterIndex, sqlType, null);
    }

    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        ps.setNull(parameterIndex, sqlType, typeName);
        param(parameterIndex, sqlType, null);
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        ps.setObject(parameterIndex, x);
        param(parameterIndex, Parameters.typeOf(x), x);
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
        ps.setObject(parameterIndex, x, targetSqlType);
        param(parameterIndex, Parameters.typeOf(targetSqlType), x);
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        ps.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
        param(parameterIndex, Parameters.typeOf(targetSqlType), x);
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        ps.setObject(parameterIndex, x, targetSqlType);
        param(parameterIndex, targetSqlType, x);
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        ps.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
        param(parameterIndex, targetSqlType, x);
    }

    @Override
    public void setRef(int parameterIndex, Ref x) throws SQLException {
        ps.setRef(parameterIndex, x);
        param(parameterIndex, Types.REF, x);
    }

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        ps.setRowId(parameterIndex, x);
        param(parameterIndex, Types.ROWID, x);
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        ps.setSQLXML(parameterIndex, xmlObject);
        params.type(parameterIndex, Types.SQLXML); // a stream or LOB: its type, never its content
    }

    @Override
    public void setShort(int parameterIndex, short x) throws SQLException {
        ps.setShort(parameterIndex, x);
        param(parameterIndex, Types.SMALLINT, x);
    }

    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        ps.setString(parameterIndex, x);
        param(parameterIndex, Types.VARCHAR, x);
    }

    @Override
    public void setTime(int parameterIndex, Time x) throws SQLException {
        ps.setTime(parameterIndex, x);
        param(parameterIndex, Types.TIME, x);
    }

    @Override
    public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
        ps.setTime(parameterIndex, x, cal);
        param(parameterIndex, Types.TIME, x);
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
        ps.setTimestamp(parameterIndex, x);
        param(parameterIndex, Types.TIMESTAMP, x);
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
        ps.setTimestamp(parameterIndex, x, cal);
        param(parameterIndex, Types.TIMESTAMP, x);
    }

    @Override
    public void setURL(int parameterIndex, URL x) throws SQLException {
        ps.setURL(parameterIndex, x);
        param(parameterIndex, Types.DATALINK, x);
    }

    @Deprecated
    @Override
    public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
        ps.setUnicodeStream(parameterIndex, x, length);
        params.type(parameterIndex, Types.LONGVARCHAR); // a stream or LOB: its type, never its content
    }
}

package io.jdbcactivity.it;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What Tomcat's own leak detection says when it stops a web application: the class loader of a
 * web application logs every thread, ThreadLocal, JDBC driver, RMI target and timer it finds left
 * behind, and also says when it cannot look (a missing {@code --add-opens}). Every warning it logs
 * while a context stops is collected here.
 */
final class TomcatLeakReports extends Handler {
    /** Held strongly: java.util.logging keeps loggers only weakly, and a collected one loses its handler. */
    private final Logger loaderLog = Logger.getLogger("org.apache.catalina.loader.WebappClassLoaderBase");
    private final List<String> reports = new CopyOnWriteArrayList<>();

    TomcatLeakReports() {
        loaderLog.addHandler(this);
    }

    /** Every warning Tomcat's class loader logged while {@code action} ran. */
    List<String> during(ThrowingRunnable action) throws Exception {
        int from = reports.size();
        action.run();
        return List.copyOf(reports.subList(from, reports.size()));
    }

    @Override
    public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
            reports.add(r.getParameters() == null ? String.valueOf(r.getMessage())
                    : MessageFormat.format(String.valueOf(r.getMessage()), r.getParameters()));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        loaderLog.removeHandler(this);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}

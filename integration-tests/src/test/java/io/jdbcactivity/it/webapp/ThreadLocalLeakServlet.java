package io.jdbcactivity.it.webapp;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Leaks on purpose: leaves a value of its own class in a ThreadLocal of the container's request
 * thread. Deployed once before the real deployments, it proves Tomcat's ThreadLocal leak
 * detection can see (a JVM started without {@code --add-opens=java.base/java.lang} cannot).
 */
public class ThreadLocalLeakServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<Object> LEFT_BEHIND = new ThreadLocal<>();

    /** The value Tomcat must report: loaded by the web application's class loader. */
    public static final class Marker {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LEFT_BEHIND.set(new Marker());
        response.getWriter().print("left a ThreadLocal");
    }
}

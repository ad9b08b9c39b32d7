package io.jdbcactivity.it.webapp;

import io.jdbcactivity.Activity;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * Waits until the driver (the copy this application sees) has delivered what it captured: after
 * it the publisher's Kinesis client and its threads are running, so an undeploy that follows has
 * them to stop.
 */
public class FlushServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print("flushed " + Activity.flush(Duration.ofSeconds(20)));
    }
}

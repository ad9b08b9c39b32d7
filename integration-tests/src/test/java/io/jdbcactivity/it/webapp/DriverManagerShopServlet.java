package io.jdbcactivity.it.webapp;

import jakarta.servlet.ServletException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The shop of an application that carries the driver in its own {@code WEB-INF/lib} and connects
 * through {@link DriverManager} with the URL from its context parameters ({@code jdbc.url},
 * {@code jdbc.user}, {@code jdbc.password}). It has no ServletContextListener: undeploying it
 * relies on the container deregistering the driver.
 */
public class DriverManagerShopServlet extends ShopPage {
    private static final long serialVersionUID = 1L;

    @Override
    public void init() throws ServletException {
        try {
            // DriverManager loads the drivers it finds as services once per JVM, from the system
            // class path: a driver in WEB-INF/lib registers when the application loads it.
            Class.forName("io.jdbcactivity.driver.ActivityDriver");
        } catch (ClassNotFoundException e) {
            throw new ServletException(e);
        }
    }

    @Override
    protected Connection connection() throws SQLException {
        var parameters = getServletContext();
        return DriverManager.getConnection(parameters.getInitParameter("jdbc.url"),
                parameters.getInitParameter("jdbc.user"), parameters.getInitParameter("jdbc.password"));
    }
}

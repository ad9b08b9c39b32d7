package io.jdbcactivity.it.webapp;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.naming.NamingException;

/**
 * The page of the web applications of the redeploy tests: three statements per visit (CREATE
 * TABLE IF NOT EXISTS, INSERT, SELECT), on a connection each subclass gets its own way. The answer
 * names the class loaders of the servlet and of the driver as the application sees it, so that a
 * test can tell which copy of the driver served it.
 */
public abstract class ShopPage extends HttpServlet {
    private static final long serialVersionUID = 1L;

    protected abstract Connection connection() throws NamingException, SQLException;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            int rows;
            try (Connection c = connection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS visit (id INT AUTO_INCREMENT PRIMARY KEY, page VARCHAR(40))");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO visit (page) VALUES (?)")) {
                    ps.setString(1, request.getRequestURI());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM visit");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    rows = rs.getInt(1);
                }
            }
            ClassLoader driverLoader = Class.forName("io.jdbcactivity.driver.ActivityDriver", false,
                    getClass().getClassLoader()).getClassLoader();
            response.setContentType("text/plain");
            response.getWriter().print("visits " + rows + " loader " + getClass().getClassLoader().getClass().getName()
                    + " driver loader " + driverLoader.getClass().getName());
        } catch (NamingException | SQLException | ClassNotFoundException e) {
            throw new IOException(e);
        }
    }
}

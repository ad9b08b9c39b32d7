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
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The web application of the redeploy test: it knows only its container-managed DataSource
 * ({@code java:comp/env/jdbc/shop}); its class is loaded by the web application's class loader.
 */
public class ShopServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            DataSource ds = (DataSource) new InitialContext().lookup("java:comp/env/jdbc/shop");
            int rows;
            try (Connection c = ds.getConnection()) {
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
            response.setContentType("text/plain");
            response.getWriter().print("visits " + rows + " loader " + getClass().getClassLoader().getClass().getName());
        } catch (NamingException | SQLException e) {
            throw new IOException(e);
        }
    }
}

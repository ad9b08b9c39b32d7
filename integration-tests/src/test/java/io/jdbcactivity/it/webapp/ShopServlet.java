package io.jdbcactivity.it.webapp;

import java.sql.Connection;
import java.sql.SQLException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The shop on its container-managed DataSource ({@code java:comp/env/jdbc/shop}): the setup with
 * the driver in the container's own library folder.
 */
public class ShopServlet extends ShopPage {
    private static final long serialVersionUID = 1L;

    @Override
    protected Connection connection() throws NamingException, SQLException {
        return ((DataSource) new InitialContext().lookup("java:comp/env/jdbc/shop")).getConnection();
    }
}

package io.jdbcactivity.kittests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdbcactivity.fixtures.H2Databases;
import io.jdbcactivity.testkit.ActivityRecorder;
import io.jdbcactivity.testkit.RecordedEvent;
import io.jdbcactivity.testkit.Statements;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real ORM: Hibernate's lazy collection is the N+1 every ORM user meets. The kit must catch it
 * from Hibernate's own SQL, name the application's line (past Hibernate's frames, its proxies and
 * the pool it brings), and pass the fetch-join fix. Hibernate's generated SQL is the oracle here,
 * not a text written for the test.
 */
class HibernateNPlusOneTest {
    @RegisterExtension
    ActivityRecorder activity = ActivityRecorder.forCurrentThread();

    @Entity(name = "Author")
    @Table(name = "author")
    public static class Author {
        @Id
        @GeneratedValue
        Long id;
        String name;
        @OneToMany(mappedBy = "author")
        List<Book> books = new ArrayList<>();

        public String getName() {
            return name;
        }
    }

    @Entity(name = "Book")
    @Table(name = "book")
    public static class Book {
        @Id
        @GeneratedValue
        Long id;
        String title;
        @ManyToOne(fetch = jakarta.persistence.FetchType.LAZY)
        Author author;
    }

    private SessionFactory sessions;

    @BeforeEach
    void library() {
        sessions = new Configuration().addAnnotatedClass(Author.class).addAnnotatedClass(Book.class)
                .setProperty("hibernate.connection.url", H2Databases.activityUrl())
                .setProperty("hibernate.hbm2ddl.auto", "create")
                .buildSessionFactory();
        sessions.inTransaction(s -> {
            for (int a = 0; a < 6; a++) {
                Author author = new Author();
                author.name = "author " + a;
                s.persist(author);
                for (int b = 0; b < 3; b++) {
                    Book book = new Book();
                    book.title = "book " + a + "." + b;
                    book.author = author;
                    s.persist(book);
                }
            }
        });
        activity.clear();
    }

    @AfterEach
    void close() {
        sessions.close();
    }

    /** The page that lists each author with their number of books, the lazy way. */
    private int booksListedLazily() {
        return sessions.fromTransaction(s -> {
            int books = 0;
            for (Author a : s.createSelectionQuery("from Author order by id", Author.class).getResultList()) {
                books += a.books.size(); // the lazy load: one query per author
            }
            return books;
        });
    }

    private int booksListedWithAFetchJoin() {
        return sessions.fromTransaction(s -> {
            int books = 0;
            for (Author a : s.createSelectionQuery("select distinct a from Author a left join fetch a.books order by a.id",
                    Author.class).getResultList()) {
                books += a.books.size();
            }
            return books;
        });
    }

    @Test
    void theLazyCollectionIsCaughtAtTheApplicationsLine() throws Exception {
        Statements lazy = activity.during(() -> assertEquals(18, booksListedLazily()));
        lazy.reading("book").assertCount(6);
        AssertionError e = assertThrows(AssertionError.class, () -> lazy.assertNoRepeats(1));
        String m = e.getMessage();
        assertTrue(m.contains("6 × SELECT b1_0.author_id"), m); // Hibernate's own SQL
        assertTrue(m.contains("FROM book b1_0 WHERE b1_0.author_id=?"), m);
        int line = lineOf("// the lazy load: one query per author");
        assertTrue(m.contains("6 × at " + HibernateNPlusOneTest.class.getName() + ".lambda$booksListedLazily$")
                && m.contains("(HibernateNPlusOneTest.java:" + line + ")"), m);
        for (RecordedEvent b : lazy.reading("book").list()) {
            assertTrue(!b.callSite().contains("org.hibernate"), b.callSite());
        }
    }

    /** Each book's author through Hibernate's lazy proxy: the proxy's class is generated, never the call site. */
    private List<String> authorsThroughProxies() {
        return sessions.fromTransaction(s -> {
            List<String> names = new ArrayList<>();
            for (Book b : s.createSelectionQuery("from Book order by id", Book.class).getResultList()) {
                names.add(b.author.getName()); // the proxy loads its author here
            }
            return names;
        });
    }

    @Test
    void aLazyProxysLoadIsPlacedAtTheApplicationsLineNotTheProxy() throws Exception {
        Statements loads = activity.during(() -> assertEquals(18, authorsThroughProxies().size()));
        Statements authors = loads.reading("author").withCommand("SELECT");
        authors.assertCount(6);
        int line = lineOf("// the proxy loads its author here");
        for (RecordedEvent a : authors.list()) {
            assertTrue(a.callSite().startsWith(HibernateNPlusOneTest.class.getName() + ".lambda$authorsThroughProxies$")
                    && a.callSite().endsWith("(HibernateNPlusOneTest.java:" + line + ")"), a.callSite());
        }
        assertThrows(AssertionError.class, () -> loads.assertNoRepeats(1));
    }

    @Test
    void theFetchJoinRunsOneQuery() throws Exception {
        Statements fixed = activity.during(() -> assertEquals(18, booksListedWithAFetchJoin()));
        fixed.assertNoRepeats(1).assertCount(1);
        fixed.reading("book").reading("author").assertCount(1);
        activity.transactions().stream().filter(t -> !t.statements().list().isEmpty()).forEach(t -> t.assertCommitted());
    }

    private static int lineOf(String marker) throws Exception {
        List<String> lines = java.nio.file.Files.readAllLines(
                java.nio.file.Path.of("src/test/java/io/jdbcactivity/kittests/HibernateNPlusOneTest.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker) && !lines.get(i).contains("lineOf(")) {
                return i + 1;
            }
        }
        throw new IllegalStateException(marker);
    }
}

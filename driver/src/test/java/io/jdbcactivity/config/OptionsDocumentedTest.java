package io.jdbcactivity.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The options reference (docs/options.md) is what users read: every option is in it, each range as enforced. */
class OptionsDocumentedTest {
    @Test
    void everyOptionHasARowAndEveryRangeIsTheOneEnforced() throws Exception {
        Path readme = Path.of("..", "docs", "options.md"); // tests run in the module's directory
        List<String> lines = Files.readAllLines(readme);
        for (Option o : Option.values()) {
            String row = lines.stream().filter(l -> l.startsWith("| `" + o.key() + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError(o.key() + " has no row in docs/options.md"));
            String[] cells = row.split("\\|");
            if (o.defaultValue() != null) {
                assertTrue(cells[2].contains("`" + o.defaultValue() + "`"), o.key() + " default in " + row);
            }
            if (o.allowed() instanceof Allowed.Range r) {
                assertEquals(r.describe(), cells[3].trim(), o.key() + " range in " + row);
            }
        }
    }
}

package io.telemetryflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's quick starts cannot rot: every code block marked {@code <!-- checked: path -->} must appear,
 * line by line in order (indentation aside), in that file — an example that {@code it/} builds and runs.
 */
class ReadmeQuickStartsTest {

    private static final Pattern CHECKED = Pattern.compile("<!-- checked: (\\S+) -->\\s*\\n```[a-z]*\\n(.*?)\\n```",
        Pattern.DOTALL);

    @Test
    void everyCheckedBlockIsPartOfItsFile() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = CHECKED.matcher(readme);
        List<String> problems = new ArrayList<>();
        int blocks = 0;
        while (m.find()) {
            blocks++;
            Path file = Path.of(m.group(1));
            if (!Files.exists(file)) {
                problems.add(file + " does not exist");
                continue;
            }
            List<String> source = Files.readAllLines(file).stream().map(String::strip).toList();
            int at = 0;
            for (String line : m.group(2).split("\n")) {
                String wanted = line.strip();
                if (wanted.isEmpty()) {
                    continue;
                }
                while (at < source.size() && !source.get(at).equals(wanted)) {
                    at++;
                }
                if (at == source.size()) {
                    problems.add(file + ": README line not found (in order): " + wanted);
                    break;
                }
                at++;
            }
        }
        assertThat(blocks).as("checked blocks in README.md").isGreaterThanOrEqualTo(8);
        assertThat(problems).isEmpty();
    }
}

package io.telemetryflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The secret scan itself: what it finds, what it does not, and that it runs for every test class. */
class SecretLeakScannerTest {

    // A fake secret that this test leaks on purpose (and then discards the findings).
    private static final String FAKE = "tfs_selftest_not_a_real_secret_42";

    @Test
    void findsPlainSecretShapedTokensWithoutQuotingThem() {
        SecretLeakScanner scanner = new SecretLeakScanner(List.of());
        List<String> found = scanner.scan("connecting with Bearer tfk_abc:" + FAKE + " now");
        assertThat(found).hasSize(1);
        assertThat(found.get(0)).doesNotContain(FAKE).contains("tfs_se…").contains("<SECRET>");
    }

    @Test
    void doesNotFlagTheBarePrefixInMessages() {
        SecretLeakScanner scanner = new SecretLeakScanner(List.of(FAKE));
        assertThat(scanner.scan("api key secret is required (expected tfs_…)")).isEmpty();
        assertThat(scanner.scan("must start with 'tfs_' followed by the secret (value hidden)")).isEmpty();
        assertThat(scanner.scan("keySecret=****, tfs_ prefix")).isEmpty();
    }

    @Test
    void findsKnownSecretsInBase64AtEveryAlignmentAndInBothAlphabets() {
        SecretLeakScanner scanner = new SecretLeakScanner(List.of(FAKE));
        for (String prefix : List.of("", "a", "ab", "abc", "tfk_key:", "Basic x:")) {
            byte[] bytes = (prefix + FAKE + "!").getBytes(StandardCharsets.UTF_8);
            String std = Base64.getEncoder().encodeToString(bytes);
            String url = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            assertThat(scanner.scan("Authorization: Basic " + std)).as("base64 with prefix '%s'", prefix).isNotEmpty();
            assertThat(scanner.scan("token=" + url)).as("base64url with prefix '%s'", prefix).isNotEmpty();
        }
        assertThat(scanner.scan(Base64.getEncoder().encodeToString("tfs_something_else_entirely".getBytes(StandardCharsets.UTF_8))))
            .isEmpty();
    }

    @Test
    void baseSixtyFourCoresDependOnlyOnTheSecret() {
        for (String core : SecretLeakScanner.base64Cores(FAKE)) {
            for (String before : List.of("", "x", "yy", "zzz")) {
                for (String after : List.of("", "1", "22")) {
                    String encoded = Base64.getEncoder().encodeToString((before + FAKE + after).getBytes(StandardCharsets.UTF_8));
                    long matches = Arrays.stream(new String[] {encoded}).filter(e -> e.contains(core)).count();
                    if ((before.length() % 3) == SecretLeakScanner.base64Cores(FAKE).indexOf(core)) {
                        assertThat(matches).as("core %s in base64 of '%s'+secret+'%s'", core, before, after).isEqualTo(1);
                    }
                }
            }
        }
    }

    @Test
    void theExtensionIsActiveForEveryClassAndCatchesLogAndConsoleOutput() {
        // Registered through META-INF/services + autodetection: its JUL handler is on the root logger.
        assertThat(Arrays.stream(Logger.getLogger("").getHandlers()).map(h -> h.getClass().getName()))
            .contains(SecretLeakExtension.class.getName() + "$ScanHandler");
        assertThat(SecretLeakExtension.knownTestSecrets()).as("secrets found in src/test").contains(FAKE);

        SecretLeakExtension.discardFindings();
        Logger.getLogger("io.telemetryflow.selftest").warning("leaking " + FAKE + " on purpose");
        assertThat(SecretLeakExtension.pendingFindings()).anySatisfy(f -> assertThat(f).startsWith("JUL WARNING"));
        SecretLeakExtension.discardFindings();

        String basic = Base64.getEncoder().encodeToString(("tfk_id:" + FAKE).getBytes(StandardCharsets.UTF_8));
        System.out.println("Authorization: Basic " + basic + " (leaked on purpose by the scanner's self-test)");
        System.out.flush();
        assertThat(SecretLeakExtension.pendingFindings()).anySatisfy(f -> assertThat(f).startsWith("System.out"));
        SecretLeakExtension.discardFindings();
        assertThat(SecretLeakExtension.pendingFindings()).isEmpty();
    }
}

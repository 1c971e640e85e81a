package io.telemetryflow.sdk.domain;

import static io.telemetryflow.sdk.domain.SecretAssertions.SECRET;
import static io.telemetryflow.sdk.domain.SecretAssertions.assertNoSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialsTest {

    @Test
    void validCredentialsAreTrimmedAndFormTheAuthorizationHeader() {
        Credentials c = Credentials.of("  tfk_abc ", " " + SECRET + "\t");
        assertThat(c.keyId()).isEqualTo("tfk_abc");
        assertThat(c.keySecret()).isEqualTo(SECRET);
        assertThat(c.authorizationHeader()).isEqualTo("Bearer tfk_abc:" + SECRET);
    }

    @Test
    void toStringShowsTheIdAndMasksTheSecret() {
        Credentials c = Credentials.of("tfk_abc", SECRET);
        assertThat(c.toString()).contains("tfk_abc").contains("****");
        assertNoSecret(c.toString(), SECRET);
    }

    @Test
    void valueEquality() {
        Credentials a = Credentials.of("tfk_abc", SECRET);
        assertThat(a).isEqualTo(Credentials.of("tfk_abc", SECRET))
            .hasSameHashCodeAs(Credentials.of("tfk_abc", SECRET))
            .isEqualTo(Credentials.of(" tfk_abc", SECRET + " "))
            .isNotEqualTo(Credentials.of("tfk_abd", SECRET))
            .isNotEqualTo(Credentials.of("tfk_abc", SECRET + "4"))
            .isNotEqualTo(null)
            .isNotEqualTo("tfk_abc");
        assertThat(a).isEqualTo(a);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "abc", "tfk_", "TFK_abc", "tfk", "tfk_a b", "tfk_a\u0001b", "key_tfk_abc"})
    void invalidKeyIdIsRejectedNamingTheKeyId(String keyId) {
        Throwable e = catchThrowable(() -> Credentials.of(keyId, SECRET));
        assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("api key id");
        assertNoSecret(e.getMessage(), SECRET);
        assertThat(Credentials.keyIdProblem(keyId)).isNotNull();
    }

    static Stream<String> invalidSecrets() {
        return Stream.of(null, "", " ", "\t",
            // 1–3 characters
            "t", "tf", "tfs", "Ж", "ЖЖ", "ЖЖЖ", "Q9", "q9Z",
            // prefix problems
            "tfs_", "SUPERSECRET_123", "TFS_SUPERSECRET_123", "tfsSUPERSECRET_123", "tfk_SUPERSECRET_123",
            // whitespace / control characters inside
            "tfs_SUPER SECRET_123", "tfs_SUPERSECRET\u0001_123", "tfs_SUPERSECRET\n_123");
    }

    @ParameterizedTest
    @MethodSource("invalidSecrets")
    void invalidSecretIsRejectedWithoutRevealingIt(String secret) {
        Throwable e = catchThrowable(() -> Credentials.of("tfk_abc", secret));
        assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("api key secret");
        assertNoSecret(e.getMessage(), secret);
        String problem = Credentials.keySecretProblem(secret);
        assertThat(problem).isNotNull();
        assertNoSecret(problem, secret);
    }

    @Test
    void swappedIdAndSecretDoNotRevealTheSecretInTheKeyIdMessage() {
        Throwable e = catchThrowable(() -> Credentials.of(SECRET, "tfk_abc"));
        assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("api key id")
            .hasMessageContaining("swapped");
        assertNoSecret(e.getMessage(), SECRET);
    }

    @Test
    void keyIdProblemQuotesANonSecretBadId() {
        assertThat(Credentials.keyIdProblem("key_123")).contains("key_123").contains("tfk_");
        assertThat(Credentials.keyIdProblem("tfk_ok")).isNull();
        assertThat(Credentials.keySecretProblem(SECRET)).isNull();
    }

    @Test
    void secretMessagesNeverEchoPiecesOfLongSecrets() {
        char[] chars = new char[300];
        Arrays.fill(chars, 'Z');
        String longBad = "x" + new String(chars);
        assertThatThrownBy(() -> Credentials.of("tfk_abc", longBad))
            .satisfies(e -> assertNoSecret(e.getMessage(), longBad));
    }
}

package io.journeyline.platform.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PseudonymsTest {
    private static final String KEY = "tests-only-hmac-key-never-in-production";

    @Test
    void isTheHmacSha256OfTheIdWithTheKey() {
        // known answer from outside the code: echo -n "c-1" | openssl dgst -sha256 -hmac "tests-only-hmac-key-never-in-production"
        assertThat(new Pseudonyms(KEY).of("c-1"))
                .isEqualTo("479c6c980b7c4f68a794ba88b298bb34f31a7069b76c953d9b0ea7fa7da897c8");
    }

    @Test
    void anotherKeyNamesTheSameCustomerOtherwise() {
        assertThat(new Pseudonyms(KEY + "-other").of("c-1")).isNotEqualTo(new Pseudonyms(KEY).of("c-1"));
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new Pseudonyms("too-short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("journeyline.privacy.hmac-key");
    }
}

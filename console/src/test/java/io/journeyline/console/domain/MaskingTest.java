package io.journeyline.console.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTest {
    @Test
    void aSearchForAnAddressOrNumberIsAnIdentifierAnythingElseACustomerId() {
        assertThat(Masking.identifier("Ana@Example.com")).isEqualTo("email:ana@example.com");
        assertThat(Masking.identifier("+44 20 7946-0958")).isEqualTo("phone:+442079460958");
        assertThat(Masking.identifier("email:ana@example.com")).isEqualTo("email:ana@example.com");
        assertThat(Masking.identifier("c-1042")).isNull();
        assertThat(Masking.identifier("demo-7-32")).isNull();
    }

    @Test
    void masksKeepOnlyWhatRecognisesTheValue() {
        assertThat(Masking.mask("email:ana@example.com")).isEqualTo("email:a•••@example.com");
        assertThat(Masking.mask("phone:+442079460958")).isEqualTo("phone:•••0958");
        assertThat(Masking.mask("demo-7-32")).isEqualTo("de•••32");
        assertThat(Masking.mask("c-42")).isEqualTo("c•••");
    }
}

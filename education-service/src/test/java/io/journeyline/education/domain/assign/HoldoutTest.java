package io.journeyline.education.domain.assign;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HoldoutTest {
    private static final int CUSTOMERS = 100_000;

    @Test
    void theSameCustomerAndRuleAlwaysLandInTheSameArm() {
        for (int i = 0; i < 1_000; i++) {
            String customer = "cust-" + i;
            assertThat(Holdout.heldOut(customer, "PP-REPEATED-ERRORS", 0.10))
                    .isEqualTo(Holdout.heldOut(customer, "PP-REPEATED-ERRORS", 0.10));
        }
    }

    @Test
    void aboutTheShareIsHeldOutAndRulesAreIndependent() {
        int first = 0;
        int both = 0;
        for (int i = 0; i < CUSTOMERS; i++) {
            String customer = "cust-" + i;
            boolean a = Holdout.heldOut(customer, "PP-REPEATED-ERRORS", 0.10);
            boolean b = Holdout.heldOut(customer, "PP-CONTENT-GAP", 0.10);
            first += a ? 1 : 0;
            both += a && b ? 1 : 0;
        }
        // binomial: n = 100,000, p = 0.10 → SD = √(0.1 × 0.9 / 100,000) = 0.00095; tolerance ±0.005 (over 5 SD)
        assertThat(first / (double) CUSTOMERS).isCloseTo(0.10, within(0.005));
        // independent rules: both held out ≈ 0.1 × 0.1 = 0.01, SD = √(0.01 × 0.99 / 100,000) = 0.00031; ±0.002
        assertThat(both / (double) CUSTOMERS).isCloseTo(0.01, within(0.002));
    }

    @Test
    void noShareHoldsNobodyOutAndAFullShareEverybody() {
        assertThat(Holdout.heldOut("cust-1", "PP-X", 0.0)).isFalse();
        assertThat(Holdout.heldOut("cust-1", "PP-X", 1.0)).isTrue();
    }
}

package io.journeyline.education.domain.assign;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HoldoutTest {
    private static final int CUSTOMERS = 100_000;

    /*
     * Known answers, computed outside the code under test from DOMAIN.md's rule (the arm comes from a hash of customer
     * and rule) as Holdout documents it: SHA-256 of "customer|rule", the first 8 bytes big-endian, shifted right by 11
     * (53 bits), divided by 2^53; held out when below the share. By hand, e.g.
     *   printf '%s' 'cust-2|PP-REPEATED-ERRORS' | sha256sum   → 078fa473868f0a23…
     *   python3 -c 'print(repr((0x078fa473868f0a23 >> 11) / 2**53))'   → 0.029535558895585123
     */
    @Test
    void aCustomersPlaceForARuleIsTheKnownAnswerOfItsHash() {
        // 078fa473868f0a23… → 266032664072673 / 2^53
        assertThat(Holdout.position("cust-2", "PP-REPEATED-ERRORS")).isEqualTo(0.029535558895585123);
        // 1810ab344e498aca… → 846715868006705 / 2^53
        assertThat(Holdout.position("cust-10", "PP-REPEATED-ERRORS")).isEqualTo(0.09400434519765188);
        // 1baf0ccaf38fdeb5… → 974036731326971 / 2^53
        assertThat(Holdout.position("cust-44", "PP-REPEATED-ERRORS")).isEqualTo(0.10813980059498307);
        // 5863fc81f2dd9354… → 3109966764202930 / 2^53
        assertThat(Holdout.position("cust-1", "PP-REPEATED-ERRORS")).isEqualTo(0.3452756707437088);
        // another rule, another hash: 3c66d12d076347a0… → 2125193399037032 / 2^53
        assertThat(Holdout.position("cust-2", "PP-CONTENT-GAP")).isEqualTo(0.2359438643392311);
    }

    @Test
    void theKnownCustomersLandInTheArmsTheirPlacesGiveAtTheDefaultShare() {
        // the default share is 10 % (DOMAIN.md): places 0.0295 and 0.0940 are held out, 0.1081 and 0.3453 are not
        assertThat(Holdout.heldOut("cust-2", "PP-REPEATED-ERRORS", 0.10)).isTrue();
        assertThat(Holdout.heldOut("cust-10", "PP-REPEATED-ERRORS", 0.10)).isTrue();
        assertThat(Holdout.heldOut("cust-44", "PP-REPEATED-ERRORS", 0.10)).isFalse();
        assertThat(Holdout.heldOut("cust-1", "PP-REPEATED-ERRORS", 0.10)).isFalse();
        // per rule: held out for one rule (0.0295), treated for another (0.2359)
        assertThat(Holdout.heldOut("cust-2", "PP-CONTENT-GAP", 0.10)).isFalse();
        // a larger share takes in the place just above 10 % (0.1081 < 0.15)
        assertThat(Holdout.heldOut("cust-44", "PP-REPEATED-ERRORS", 0.15)).isTrue();
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

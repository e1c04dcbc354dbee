package io.journeyline.contract.vocabulary;

import java.util.Locale;

/** Where a touchpoint happened ({@code common.json#/$defs/channel}). */
public enum Channel implements Vocabulary {
    WEB, APP, EMAIL, PHONE, CHAT, STORE, SOCIAL, SMS, OTHER;

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.journeyline.contract.vocabulary;

/** Survey kinds ({@code common.json#/$defs/surveyKind}): CSAT 1–5, NPS 0–10, CES 1–7, or a survey of the company's own design. */
public enum SurveyKind implements Vocabulary {
    CSAT, NPS, CES, CUSTOM;

    @Override
    public String wire() {
        return name();
    }
}

-- Consent now lives in the platform's platform_consents (one copy of journey.consent-changed for every service).
drop table education_consents;

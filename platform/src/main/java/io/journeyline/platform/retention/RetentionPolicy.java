package io.journeyline.platform.retention;

import java.util.List;

/**
 * A service's own data that {@link Retention} bounds, next to the platform's tables: one bean per service, its
 * retentions configured by the service ({@code journeyline.retention.*}, each with a documented default).
 */
public interface RetentionPolicy {
    List<RetainedData> retained();
}

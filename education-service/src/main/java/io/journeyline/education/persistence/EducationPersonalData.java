package io.journeyline.education.persistence;

import io.journeyline.platform.privacy.ExportStatements;
import io.journeyline.platform.privacy.ExportStatements.Query;
import io.journeyline.platform.privacy.ErasureStatements;
import io.journeyline.platform.privacy.ErasureStatements.Statement;
import io.journeyline.platform.privacy.SqlPersonalData;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What education-service forgets of an erased customer: the learner (stage, language, channel), the pushes and the
 * timers that would push or drop out again. Assignments and their units stay for the completion figures under a
 * random stand-in (completion by period does not change afterwards); one still in progress stays as it was, and
 * retention purges it like a finished one ({@link EducationRetention}).
 */
@ApplicationScoped
public class EducationPersonalData extends SqlPersonalData {
    private static final ErasureStatements STATEMENTS = ErasureStatements.of(
            Statement.of("platform_timers", """
                    delete from platform_timers where (kind = 'education-push' and timer_key = ?1)
                        or (kind = 'education-drop-out' and timer_key in (select id from assignments where customer_id = ?1))"""),
            Statement.of("education_pushes", "delete from education_pushes where customer_id = ?1"),
            Statement.of("learners", "delete from learners where customer_id = ?1"),
            Statement.of("assignments", "update assignments set customer_id = ?2 where customer_id = ?1"));

    private static final ExportStatements EXPORT = ExportStatements.of(
            Query.of("assignments", "select * from assignments where customer_id = ?1 order by assigned_at"),
            Query.of("path_units", """
                    select u.* from path_units u join assignments a on a.id = u.assignment_id
                    where a.customer_id = ?1 order by u.assignment_id, u.position"""),
            Query.of("education_pushes", "select * from education_pushes where customer_id = ?1 order by pushed_at"),
            Query.of("learners", "select * from learners where customer_id = ?1"));

    public EducationPersonalData() {
        super(STATEMENTS, EXPORT);
    }
}

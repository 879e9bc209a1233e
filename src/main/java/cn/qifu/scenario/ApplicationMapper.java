package cn.qifu.scenario;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
interface ApplicationMapper {

    @Insert("INSERT INTO qf_application (scenario_code, credit_code, enterprise_name, contact_name, contact_phone, "
            + "channel, status, light, overdue, provided_materials, deadline_provisional, rating_by_default, "
            + "submitted_by, idempotency_key, created_at, updated_at) VALUES (#{a.scenarioCode}, #{a.creditCode}, "
            + "#{a.enterpriseName}, #{a.contactName}, #{a.contactPhone}, #{a.channel}, 'SUBMITTED', 'GREEN', FALSE, "
            + "#{a.providedMaterials}, FALSE, FALSE, #{a.submittedBy}, #{a.idempotencyKey}, #{now}, #{now})")
    @Options(useGeneratedKeys = true, keyProperty = "a.id", keyColumn = "id")
    void insert(@Param("a") NewApplication application, @Param("now") Instant now);

    /** What a new row is made of; {@code id} is filled in by the insert. */
    final class NewApplication {
        public Long id;
        public String scenarioCode;
        public String creditCode;
        public String enterpriseName;
        public String contactName;
        public String contactPhone;
        public String channel;
        public String providedMaterials;
        public String submittedBy;
        public String idempotencyKey;
    }

    /** Sets the given columns (keys are column names chosen by the service, never by a request) and updated_at. */
    @Update("<script>UPDATE qf_application SET updated_at = #{now}"
            + "<foreach collection='values' index='column' item='value'>, ${column} = #{value}</foreach>"
            + " WHERE id = #{id}</script>")
    int update(@Param("id") long id, @Param("values") Map<String, Object> values, @Param("now") Instant now);

    @Select("SELECT * FROM qf_application WHERE id = #{id}")
    Application byId(@Param("id") long id);

    @Select("SELECT * FROM qf_application WHERE application_no = #{no}")
    Application byNumber(@Param("no") String applicationNo);

    @Select("SELECT * FROM qf_application WHERE idempotency_key = #{key}")
    Application byIdempotencyKey(@Param("key") String key);

    @Insert("INSERT INTO qf_application_item (application_id, item_code, kind, name, department_code, status) "
            + "VALUES (#{applicationId}, #{code}, #{kind}, #{name}, #{department}, 'PENDING')")
    void addItem(@Param("applicationId") long applicationId, @Param("code") String code, @Param("kind") String kind,
                 @Param("name") String name, @Param("department") String department);

    @Update("<script>UPDATE qf_application_item SET status = #{status}"
            + "<if test='reference != null'>, reference = #{reference}</if>"
            + "<if test='result != null'>, result = #{result}</if>"
            + "<if test='dueAt != null'>, due_at = #{dueAt}</if>"
            + "<if test='startedAt != null'>, started_at = #{startedAt}</if>"
            + "<if test='doneAt != null'>, done_at = #{doneAt}</if>"
            + "<if test='handledBy != null'>, handled_by = #{handledBy}</if>"
            + " WHERE application_id = #{applicationId} AND item_code = #{code}</script>")
    int updateItem(@Param("applicationId") long applicationId, @Param("code") String code,
                   @Param("status") String status, @Param("reference") String reference, @Param("result") String result,
                   @Param("dueAt") Instant dueAt, @Param("startedAt") Instant startedAt, @Param("doneAt") Instant doneAt,
                   @Param("handledBy") String handledBy);

    @Select("SELECT * FROM qf_application_item WHERE application_id = #{applicationId} ORDER BY kind, item_code")
    List<ApplicationItem> items(@Param("applicationId") long applicationId);

    @Select("SELECT * FROM qf_application_item WHERE application_id = #{applicationId} AND item_code = #{code}")
    ApplicationItem item(@Param("applicationId") long applicationId, @Param("code") String code);

    @Insert("INSERT INTO qf_application_event (application_id, occurred_at, actor, action, detail) "
            + "VALUES (#{applicationId}, #{at}, #{actor}, #{action}, #{detail})")
    void addEvent(@Param("applicationId") long applicationId, @Param("at") Instant at, @Param("actor") String actor,
                  @Param("action") String action, @Param("detail") String detail);

    @Select("SELECT action FROM qf_application_event WHERE application_id = #{applicationId} ORDER BY id")
    List<String> actions(@Param("applicationId") long applicationId);

    @Select("SELECT * FROM qf_application_event WHERE application_id = #{applicationId} ORDER BY id")
    List<ApplicationEvent> timeline(@Param("applicationId") long applicationId);

    /** One line of an application's timeline. */
    record ApplicationEvent(Long id, Long applicationId, Instant occurredAt, String actor, String action, String detail) {
    }
}

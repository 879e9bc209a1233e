package cn.qifu.notification;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
interface NotificationMapper {

    @Insert("INSERT INTO qf_notification (recipient_group, recipient_user, subject, body, link, created_at, attempts) "
            + "VALUES (#{group}, #{user}, #{subject}, #{body}, #{link}, #{now}, 0)")
    void insert(@Param("group") String group, @Param("user") String user, @Param("subject") String subject,
                @Param("body") String body, @Param("link") String link, @Param("now") Instant now);

    @Select("<script>SELECT * FROM qf_notification WHERE recipient_user = #{user}"
            + "<if test='groups.size() > 0'> OR recipient_group IN "
            + "<foreach collection='groups' item='g' open='(' separator=',' close=')'>#{g}</foreach></if>"
            + " ORDER BY id DESC LIMIT #{limit}</script>")
    List<Notification> inbox(@Param("user") String user, @Param("groups") List<String> groups, @Param("limit") int limit);

    @Update("<script>UPDATE qf_notification SET read_at = #{now} WHERE id = #{id} AND read_at IS NULL AND "
            + "(recipient_user = #{user}<if test='groups.size() > 0'> OR recipient_group IN "
            + "<foreach collection='groups' item='g' open='(' separator=',' close=')'>#{g}</foreach></if>)</script>")
    int markRead(@Param("id") long id, @Param("user") String user, @Param("groups") List<String> groups,
                 @Param("now") Instant now);

    @Select("SELECT * FROM qf_notification WHERE delivered_at IS NULL AND attempts < #{maxAttempts} ORDER BY id LIMIT #{limit}")
    List<Notification> undelivered(@Param("maxAttempts") int maxAttempts, @Param("limit") int limit);

    /** Undelivered and not claimed by a node right now. */
    @Select("SELECT * FROM qf_notification WHERE delivered_at IS NULL AND attempts < #{maxAttempts} "
            + "AND (claimed_until IS NULL OR claimed_until < #{now}) ORDER BY id LIMIT #{limit}")
    List<Notification> claimable(@Param("maxAttempts") int maxAttempts, @Param("now") Instant now, @Param("limit") int limit);

    /** 1 if this node got it; 0 if another node claimed or delivered it first (the row lock decides). */
    @Update("UPDATE qf_notification SET claimed_until = #{until} WHERE id = #{id} AND delivered_at IS NULL "
            + "AND (claimed_until IS NULL OR claimed_until < #{now})")
    int claim(@Param("id") long id, @Param("now") Instant now, @Param("until") Instant until);

    @Update("UPDATE qf_notification SET delivered_at = #{now}, attempts = attempts + 1, last_error = NULL, "
            + "claimed_until = NULL WHERE id = #{id}")
    void delivered(@Param("id") long id, @Param("now") Instant now);

    @Update("UPDATE qf_notification SET attempts = attempts + 1, last_error = #{error}, claimed_until = NULL WHERE id = #{id}")
    void failed(@Param("id") long id, @Param("error") String error);
}

package cn.qifu.deadline;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
interface HolidayYearMapper {

    @Select("SELECT content FROM qf_holiday_year ORDER BY holiday_year")
    List<String> loadedContents();

    /** Goes up with every load, on any node: a node whose last reading differs reads the years again. */
    @Select("SELECT COALESCE(SUM(revision), 0) FROM qf_holiday_year")
    long revision();

    @Update("UPDATE qf_holiday_year SET source = #{source}, content = #{content}, loaded_by = #{user}, "
            + "loaded_at = CURRENT_TIMESTAMP, revision = revision + 1 WHERE holiday_year = #{year}")
    int update(@Param("year") int year, @Param("source") String source, @Param("content") String content,
               @Param("user") String user);

    @Insert("INSERT INTO qf_holiday_year (holiday_year, source, content, loaded_by, loaded_at) "
            + "VALUES (#{year}, #{source}, #{content}, #{user}, CURRENT_TIMESTAMP)")
    void insert(@Param("year") int year, @Param("source") String source, @Param("content") String content,
                @Param("user") String user);
}

package cn.qifu.catalog;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface CatalogMapper {

    @Select("SELECT code, name, level, kind, parent_code FROM qf_department WHERE active = TRUE ORDER BY sort_order")
    List<Department> activeDepartments();

    @Select("SELECT code FROM qf_department")
    List<String> allDepartmentCodes();

    @Insert("INSERT INTO qf_department (code, name, level, kind, parent_code, sort_order, active) "
            + "VALUES (#{d.code}, #{d.name}, #{d.level}, #{d.kind}, #{d.parentCode}, #{order}, TRUE)")
    void insertDepartment(@Param("d") Department department, @Param("order") int order);

    @Update("UPDATE qf_department SET name = #{d.name}, level = #{d.level}, kind = #{d.kind}, "
            + "parent_code = #{d.parentCode}, sort_order = #{order}, active = TRUE WHERE code = #{d.code}")
    int updateDepartment(@Param("d") Department department, @Param("order") int order);

    /** Departments are never deleted: problems keep pointing at them. A department no longer listed is retired. */
    @Update("UPDATE qf_department SET active = FALSE WHERE code = #{code}")
    void retireDepartment(@Param("code") String code);

    @Select("SELECT code, name, short_name, lead_department, description FROM qf_board ORDER BY sort_order")
    List<Board> boards();

    @Insert("INSERT INTO qf_board (code, name, short_name, lead_department, description, sort_order) "
            + "VALUES (#{b.code}, #{b.name}, #{b.shortName}, #{b.leadDepartment}, #{b.description}, #{order})")
    void insertBoard(@Param("b") Board board, @Param("order") int order);

    @Update("UPDATE qf_board SET name = #{b.name}, short_name = #{b.shortName}, lead_department = #{b.leadDepartment}, "
            + "description = #{b.description}, sort_order = #{order} WHERE code = #{b.code}")
    int updateBoard(@Param("b") Board board, @Param("order") int order);

    @Select("SELECT checksum FROM qf_catalog_import WHERE file_name = #{fileName}")
    String importedChecksum(@Param("fileName") String fileName);

    @Insert("INSERT INTO qf_catalog_import (file_name, checksum, imported_at) VALUES (#{fileName}, #{checksum}, CURRENT_TIMESTAMP)")
    void insertImport(@Param("fileName") String fileName, @Param("checksum") String checksum);

    @Update("UPDATE qf_catalog_import SET checksum = #{checksum}, imported_at = CURRENT_TIMESTAMP WHERE file_name = #{fileName}")
    int updateImport(@Param("fileName") String fileName, @Param("checksum") String checksum);
}

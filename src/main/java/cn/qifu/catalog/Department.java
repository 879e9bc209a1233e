package cn.qifu.catalog;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A department (承办部门) or provider. Its code is also its Camunda group id, so a department's staff are the members
 * of that group and see that group's tasks. {@code parentCode} is where it passes a problem up (提级).
 */
public record Department(String code, String name, Level level, DepartmentKind kind,
                         @JsonAlias("parent") String parentCode) {

    @JsonProperty
    public String levelName() {
        return level.label();
    }

    @JsonProperty
    public String kindName() {
        return kind.label();
    }
}

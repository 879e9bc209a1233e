package cn.qifu.catalog;

/** A service board (服务板块) of the center, led by one department; every problem and scenario belongs to one. */
public record Board(String code, String name, String shortName, String leadDepartment, String description) {
}

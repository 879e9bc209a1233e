package cn.qifu.deadline;

import java.util.List;

/** Published after an administrator loaded holiday years: every open deadline must be computed again. */
public record HolidayTableChanged(List<Integer> years) {
}

package cn.qifu.deadline;

import cn.qifu.testsupport.OnH2;

@OnH2
class CalendarOnH2Test extends CalendarContract {
}

package cn.qifu.deadline;

import cn.qifu.testsupport.OnMariaDb;

@OnMariaDb
class CalendarOnMariaDbTest extends CalendarContract {
}

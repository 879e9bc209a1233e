package cn.qifu.identity;

import cn.qifu.testsupport.OnMariaDb;

@OnMariaDb
class TaskQueryAuthorizationOnMariaDbTest extends TaskQueryAuthorizationContract {
}

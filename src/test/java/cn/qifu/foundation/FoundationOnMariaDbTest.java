package cn.qifu.foundation;

import cn.qifu.testsupport.OnMariaDb;

@OnMariaDb
class FoundationOnMariaDbTest extends FoundationContract {
}

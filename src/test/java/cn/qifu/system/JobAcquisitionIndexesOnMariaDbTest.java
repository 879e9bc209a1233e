package cn.qifu.system;

import cn.qifu.testsupport.OnMariaDb;

@OnMariaDb
class JobAcquisitionIndexesOnMariaDbTest extends JobAcquisitionIndexesContract {
}

package cn.qifu.system;

import cn.qifu.testsupport.OnH2;

@OnH2
class JobAcquisitionIndexesOnH2Test extends JobAcquisitionIndexesContract {
}

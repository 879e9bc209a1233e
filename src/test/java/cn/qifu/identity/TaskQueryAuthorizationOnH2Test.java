package cn.qifu.identity;

import cn.qifu.testsupport.OnH2;

@OnH2
class TaskQueryAuthorizationOnH2Test extends TaskQueryAuthorizationContract {
}

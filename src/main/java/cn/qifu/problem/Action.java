package cn.qifu.problem;

/** What can happen to a problem; each is one line of its timeline. */
public enum Action {
    SUBMITTED("提交"),
    ACCEPTED("受理"),
    REFUSED("不予受理"),
    MERGED("并件"),
    ANSWERED_AT_ONCE("即办答复"),
    DEADLINE_FIXED("确定办理期限"),
    ASSIGNED("交办"),
    SIGNED("签收"),
    RETURNED("退回"),
    ESCALATED("提级"),
    OPINION("配合意见"),
    DECLINED("配合部门退回"),
    EXTENSION_REQUESTED("申请延期"),
    EXTENSION_APPROVED("同意延期"),
    EXTENSION_REJECTED("不同意延期"),
    WAITING("等待企业补充材料"),
    SUPPLEMENTED("企业补充材料"),
    ANSWER_PROPOSED("提交答复"),
    COLLECTIVE_REQUESTED("提请一事一议"),
    COLLECTIVE_DECIDED("一事一议决定"),
    SENT_BACK("审核退回"),
    REVIEW_APPROVED("审核通过"),
    REPLIED("答复企业"),
    WARNED("预警（黄灯）"),
    OVERDUE("逾期（红灯）"),
    SUPERVISED("督办"),
    LEADER_SUPERVISED("领导督办"),
    EVALUATED("企业评价"),
    DEFAULT_SATISFIED("默认满意"),
    REOPENED("重办"),
    LEADER_DECIDED("领导研究处理"),
    CLOSED("办结"),
    RETURN_VISIT("回访"),
    DEADLINE_RECOMPUTED("期限重算");

    private final String label;

    Action(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

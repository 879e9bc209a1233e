// qifu: the English labels Cockpit 7.24 hard-codes in its bundles, in Chinese for a Chinese browser (see
// ../../qifu/relabel-zh.js for how a rule works). Everything else is in locales/zh.json.
import relabel from '../../qifu/relabel-zh.js';

/** The engine's variable types, shown as they are in the variables table and its edit row. */
const VARIABLE_TYPES = {
  String: '字符串', Boolean: '布尔型', Short: '短整型', Integer: '整型', Long: '长整型', Double: '双精度浮点型',
  Date: '日期', Json: 'JSON 数据', Xml: 'XML 数据', Object: '对象', Bytes: '字节', File: '文件', Null: '空值'
};

/** The engine's incident types (Cockpit writes "Failed Job" for failedJob) and job types, in their "type" cells. */
const INCIDENT_AND_JOB_TYPES = {
  'Failed Job': '作业失败', failedJob: '作业失败', failedExternalTask: '外部任务失败',
  'async-continuation': '异步继续', 'timer-transition': '边界定时器', 'timer-intermediate-transition': '中间定时器',
  'timer-start-event': '定时启动', 'timer-start-event-subprocess': '定时启动事件子流程'
};

/** The activity types of qifu's diagrams, the tooltip of each icon in the activity instance tree. */
const ACTIVITY_TYPES = {
  processDefinition: '流程', userTask: '用户任务', serviceTask: '服务任务', businessRuleTask: '业务规则任务',
  receiveTask: '接收任务', callActivity: '调用子流程', subProcess: '子流程', multiInstanceBody: '多实例',
  parallelGateway: '并行网关', exclusiveGateway: '排他网关', intermediateTimer: '定时器事件', boundaryTimer: '边界定时器',
  startEvent: '开始事件', noneEndEvent: '结束事件', terminateEndEvent: '终止结束事件'
};

relabel([
  { within: 'thead, th', labels: { Actions: '操作', State: '状态' } },
  { within: 'td.col-type, .type select', labels: VARIABLE_TYPES },
  { within: 'td.col-type option, .type option', attribute: 'label', labels: VARIABLE_TYPES },
  { within: 'td.type', labels: INCIDENT_AND_JOB_TYPES },
  { within: 'td.configuration', labels: { 'async-before': '环节开始前异步', 'async-after': '环节结束后异步' },
    patterns: [[/^DURATION: /, '时长：'], [/^DATE: /, '时间：'], [/^CYCLE: /, '周期：']] },
  { within: 'td.message i', labels: { 'Message is null.': '消息为空。' } },
  { within: '.null-value', labels: { null: '无' } },
  { within: 'td.col-value a[download]', labels: { Download: '下载' } },
  { within: '.loading-text', labels: { 'Loading diagram': '正在加载流程图' } },
  { within: '.tooltip-inner', labels: {
    ...ACTIVITY_TYPES, 'Toggle this section': '展开/收起此部分', 'Suspended Job Definition': '作业定义已挂起'
  } },
  { within: '.navigation button', attribute: 'title', labels: { 'zoom in': '放大', 'zoom out': '缩小', 'reset zoom': '重置缩放' } },
  { within: '.row-select input', attribute: 'title', labels: { 'Select all': '全选' } }
]);

// qifu: the English labels Admin 7.24 hard-codes in its bundles, in Chinese for a Chinese browser (see
// ../../qifu/relabel-zh.js for how a rule works). Everything else, the resource types included, is in locales/zh.json.
import relabel from '../../qifu/relabel-zh.js';

/** The engine's permission names (Admin shows them raw: "READ, TASK_WORK"), for every resource type. */
const PERMISSIONS = {
  ALL: '全部', NONE: '无', ACCESS: '访问', READ: '读取', UPDATE: '修改', CREATE: '创建', DELETE: '删除', SET: '设置',
  SUSPEND: '挂起', CREATE_INSTANCE: '发起实例', READ_INSTANCE: '读取实例', UPDATE_INSTANCE: '修改实例',
  DELETE_INSTANCE: '删除实例', SUSPEND_INSTANCE: '挂起实例', MIGRATE_INSTANCE: '迁移实例', RETRY_JOB: '重试作业',
  READ_TASK: '读取任务', UPDATE_TASK: '修改任务', TASK_ASSIGN: '分配任务', TASK_WORK: '办理任务',
  READ_VARIABLE: '读取变量', UPDATE_VARIABLE: '修改变量', READ_TASK_VARIABLE: '读取任务变量',
  UPDATE_TASK_VARIABLE: '修改任务变量', READ_INSTANCE_VARIABLE: '读取实例变量', UPDATE_INSTANCE_VARIABLE: '修改实例变量',
  READ_HISTORY: '读取历史', READ_HISTORY_VARIABLE: '读取历史变量', UPDATE_HISTORY: '修改历史', DELETE_HISTORY: '删除历史',
  CREATE_BATCH_MIGRATE_PROCESS_INSTANCES: '批量迁移流程实例', CREATE_BATCH_MODIFY_PROCESS_INSTANCES: '批量修改流程实例',
  CREATE_BATCH_RESTART_PROCESS_INSTANCES: '批量重启流程实例',
  CREATE_BATCH_DELETE_RUNNING_PROCESS_INSTANCES: '批量删除运行中的流程实例',
  CREATE_BATCH_DELETE_FINISHED_PROCESS_INSTANCES: '批量删除已结束的流程实例',
  CREATE_BATCH_DELETE_DECISION_INSTANCES: '批量删除决策实例', CREATE_BATCH_SET_JOB_RETRIES: '批量设置作业重试次数',
  CREATE_BATCH_SET_REMOVAL_TIME: '批量设置清除时间', CREATE_BATCH_SET_EXTERNAL_TASK_RETRIES: '批量设置外部任务重试次数',
  CREATE_BATCH_UPDATE_PROCESS_INSTANCES_SUSPEND: '批量挂起或激活流程实例', CREATE_BATCH_SET_VARIABLES: '批量设置变量'
};

relabel([
  // the permissions column of the authorizations page, its edit menu and the delete confirmation
  { within: 'td.permissions, .confirm-delete-authorization dd:nth-of-type(4)', labels: PERMISSIONS, separator: ', ' },
  { within: 'td.permissions .selection', labels: { 'Select all': '全选', 'Unselect all': '取消全选' } },
  { within: 'thead, th', labels: { Actions: '操作' } }
]);

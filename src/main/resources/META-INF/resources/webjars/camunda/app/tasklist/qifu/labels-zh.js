// qifu: the English labels Tasklist 7.24 hard-codes in its bundles, in Chinese for a Chinese browser (see
// ../../qifu/relabel-zh.js for how a rule works). Everything else, the filter criteria included, is in locales/zh.json.
import relabel from '../../qifu/relabel-zh.js';

relabel([
  // Camunda Forms (form-js): validation messages, the empty select, search fields and tag lists
  { within: '.fjs-form-field-error', labels: {
    'Field is required.': '此项为必填项。', 'Value is not a number.': '请输入数字。', 'Field must be a valid email.': '请输入有效的电子邮箱。'
  }, patterns: [
    [/^Field must have maximum length of (\d+)\.$/, '最多 $1 个字符。'],
    [/^Field must have minimum length of (\d+)\.$/, '至少 $1 个字符。'],
    [/^Field must have maximum value of (.+)\.$/, '不能大于 $1。'],
    [/^Field must have minimum value of (.+)\.$/, '不能小于 $1。'],
    [/^Field must match pattern .+\.$/s, '格式不正确。']
  ] },
  { within: '.fjs-select-placeholder', labels: { Select: '请选择' } },
  { within: '.fjs-dropdownlist-empty', labels: { 'No results': '无匹配项', 'All values selected': '已全部选择' } },
  { within: '.fjs-container input', attribute: 'placeholder', labels: { Search: '搜索' } },
  { within: '.fjs-taglist-tag-remove', attribute: 'title', labels: { 'Remove tag': '移除' } },
  // the generic form's variables table and the diagram tab
  { within: 'thead, th', labels: { Actions: '操作' } },
  { within: '.navigation button', attribute: 'title', labels: { 'zoom in': '放大', 'zoom out': '缩小', 'reset zoom': '重置缩放' } }
]);

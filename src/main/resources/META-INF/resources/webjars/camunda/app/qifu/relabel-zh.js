// qifu: Chinese for the few labels Camunda 7.24 hard-codes in English in its webapp bundles, outside locales/*.json
// (the rest is in each app's locales/zh.json). Each webapp's qifu/labels-zh.js, loaded through customScripts, calls
// relabel() with its own rules.
//
// A rule changes a text, or one attribute, only when it is exactly one of its labels and sits inside its own kind of
// element (`within`, a CSS selector): user data (variable values, names, messages) is never touched.
//   { within: 'td.col-type', labels: { String: '字符串' } }             text inside a variable's type cell
//   { within: '.navigation button', attribute: 'title', labels: {…} }  the title of the diagram's zoom buttons
//   separator: ', '   a list of labels ("READ, TASK_WORK") becomes "读取、办理任务" when every item is a label
//   patterns: [[/^Field must have maximum length of (\d+)\.$/, '最多 $1 个字符。']]   a label with a number in it

/** As the webapps choose their language: the first browser language, before "-" (config.js offers zh). */
export function chineseBrowser() {
  const first = (navigator.languages && navigator.languages[0]) || navigator.language || '';
  return first.split('-')[0].toLowerCase() === 'zh';
}

// (not Object.hasOwn: the older Chromium of some office browsers lacks it)
const own = (labels, text) => Object.prototype.hasOwnProperty.call(labels, text);

function translate(rule, text) {
  const labels = rule.labels || {};
  if (own(labels, text)) return labels[text];
  if (rule.separator) {
    const items = text.split(rule.separator);
    if (items.length > 1 && items.every((item) => own(labels, item))) {
      return items.map((item) => labels[item]).join('、');
    }
  }
  for (const [pattern, chinese] of rule.patterns || []) {
    if (pattern.test(text)) return text.replace(pattern, chinese);
  }
  return null;
}

export default function relabel(rules) {
  if (!chineseBrowser()) return;
  const textRules = rules.filter((rule) => !rule.attribute);
  const attributeRules = rules.filter((rule) => rule.attribute);
  const attributes = [...new Set(attributeRules.map((rule) => rule.attribute))];

  function relabelText(node) {
    const text = node.nodeValue.trim();
    const element = node.parentElement;
    if (!element || !/[A-Za-z]/.test(text)) return;
    for (const rule of textRules) {
      const chinese = element.closest(rule.within) && translate(rule, text);
      if (chinese) {
        node.nodeValue = node.nodeValue.replace(text, () => chinese); // keeps the template's white space
        return;
      }
    }
  }

  function relabelAttribute(element, attribute) {
    const value = (element.getAttribute(attribute) || '').trim();
    if (!/[A-Za-z]/.test(value)) return;
    for (const rule of attributeRules) {
      const chinese = rule.attribute === attribute && element.matches(rule.within) && translate(rule, value);
      if (chinese) {
        element.setAttribute(attribute, chinese);
        return;
      }
    }
  }

  function relabelTree(root) {
    if (root.nodeType === Node.TEXT_NODE) return relabelText(root);
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) relabelText(node);
    for (const attribute of attributes) {
      if (root.hasAttribute(attribute)) relabelAttribute(root, attribute);
      root.querySelectorAll('[' + attribute + ']').forEach((element) => relabelAttribute(element, attribute));
    }
  }

  // AngularJS and form-js render (and re-render) after this script has run: relabel whatever they add or change
  const watched = { childList: true, subtree: true, characterData: true };
  if (attributes.length) watched.attributeFilter = attributes;
  new MutationObserver((mutations) => mutations.forEach((mutation) => {
    if (mutation.type === 'childList') mutation.addedNodes.forEach(relabelTree);
    else if (mutation.type === 'characterData') relabelText(mutation.target);
    else relabelAttribute(mutation.target, mutation.attributeName);
  })).observe(document.documentElement, watched);
  relabelTree(document.body || document.documentElement);
}

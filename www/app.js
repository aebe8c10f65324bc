// Bootstrap: load the WebAssembly calculator and build it into #app. Any failure is shown on the
// page (never a blank page); the user's figures stay in the link and in localStorage.
import init, { start } from './pkg/minzheng_calc.js';

function showFailure(error) {
  const box = document.getElementById('app') || document.body;
  const p = document.createElement('p');
  p.className = 'fatal';
  p.setAttribute('role', 'alert');
  p.textContent = '计算器加载失败，请刷新页面。您填写的数据仍保存在链接中。 The calculator failed to load; please reload. Your figures are kept in the link. (' + String(error && error.message || error) + ')';
  box.appendChild(p);
  document.documentElement.dataset.failed = 'true';
}

try {
  await init(/*INIT*/);
  start('#app', {});
  // The first results are on the page once start() returns: mark it for the speed benchmark.
  performance.mark('minzheng-calc:first-result');
} catch (error) {
  showFailure(error);
}

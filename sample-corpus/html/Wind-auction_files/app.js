// Nordvik Post: site script (trimmed)
document.addEventListener('DOMContentLoaded', function () {
  var menu = document.querySelector('.np-menu-toggle');
  if (menu) menu.addEventListener('click', function () { document.body.classList.toggle('np-menu-open'); });
  window.npMetrics = window.npMetrics || [];
  window.npMetrics.push(['view', location.pathname]);
});

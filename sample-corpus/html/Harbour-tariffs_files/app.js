/* The Harbour Ledger front-end bundle (trimmed) */
(function () {
  "use strict";
  var consent = document.querySelector(".hl-consent");
  if (consent && document.cookie.indexOf("hl_ok=1") !== -1) { consent.hidden = true; }
  document.addEventListener("click", function (e) {
    var t = e.target.closest("[data-hl-share]");
    if (!t) return;
    e.preventDefault();
    window.open(t.href, "share", "width=600,height=480");
  });
})();

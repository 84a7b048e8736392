// What every page shares. Pages work without it; it only moves focus and opens things up.
(function () {
  // On a phone the navigation sits behind "Menu", so the page starts near the top.
  var toggle = document.querySelector(".menu-toggle");
  var menu = document.getElementById("menu");
  if (toggle && menu) {
    toggle.hidden = false;
    document.querySelector(".site-header").classList.add("menu-ready");
    toggle.addEventListener("click", function () {
      var open = menu.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  // A form sent back with faults: focus the error summary, so screen readers announce it
  // and keyboard users start from the list of links to each field.
  var summary = document.querySelector("[data-error-summary]");
  if (summary && document.activeElement !== summary) { summary.focus(); }
  // A link in the summary moves to its field and focuses it, as GOV.UK's summary does,
  // scrolling so the field's label is in view too.
  if (summary) {
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var input = document.getElementById(link.getAttribute("href").slice(1));
      if (!input) { return; }
      event.preventDefault();
      var label = document.querySelector("label[for='" + input.id + "']");
      (label || input).scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }
}());

// What every page shares. Pages work without it; it only moves focus and opens things up.
(function () {
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

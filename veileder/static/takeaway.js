/*
 * Veileder: "Take this with you" and the handout. Shows a "Copy the link" button and a "Print"
 * button, which only work with JavaScript; without it the link can be copied by hand and the
 * browser's own print command prints the page.
 */
(function () {
  "use strict";

  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
    if (!navigator.clipboard || !window.isSecureContext) {
      return;
    }
    var status = document.querySelector("[data-copy-status]");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
        if (status) {
          status.textContent = button.getAttribute("data-copied");
        }
      });
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll("button[data-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();

/*
 * Events: small enhancements. The pages work without this file.
 * - A "Kopieer link" button next to the personal calendar link.
 */
(function () {
    "use strict";

    function addCopyButton(input) {
        if (!navigator.clipboard) {
            return;
        }
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button--secondary button--small event-subscribe__copy";
        button.textContent = input.dataset.copyLabel || "Kopieer link";
        var status = document.createElement("span");
        status.className = "event-subscribe__status";
        status.setAttribute("role", "status");
        button.addEventListener("click", function () {
            navigator.clipboard.writeText(input.value).then(function () {
                status.textContent = input.dataset.copiedLabel || "Gekopieerd";
            });
        });
        input.insertAdjacentElement("afterend", status);
        input.insertAdjacentElement("afterend", button);
    }

    document.querySelectorAll("[data-copy-link]").forEach(addCopyButton);
})();

/*
 * Events: small enhancements. The pages work without this file.
 * - "Kopieer link" next to the personal calendar link. The button is in the HTML with its
 *   place kept (invisible), so showing it moves nothing; it stays invisible where copying
 *   is not possible.
 */
(function () {
    "use strict";

    function enableCopyButton(input) {
        var box = input.parentNode;
        var button = box.querySelector("[data-copy-button]");
        var status = box.querySelector("[data-copy-status]");
        if (!navigator.clipboard || !button || !status) {
            return;
        }
        button.addEventListener("click", function () {
            navigator.clipboard.writeText(input.value).then(function () {
                status.textContent = input.dataset.copiedLabel || "Gekopieerd";
            });
        });
        button.classList.add("event-subscribe__copy--ready");
    }

    document.querySelectorAll("[data-copy-link]").forEach(enableCopyButton);
})();

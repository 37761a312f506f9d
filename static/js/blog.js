/*
 * Knowledge base enhancements. Everything here is optional: the pages work without it.
 * - Count a view with a small same-origin POST (the article HTML stays cacheable) and show
 *   the fresh total. Without JavaScript a <noscript> pixel does the counting.
 * The listing filters deliberately do not submit on change (WCAG 3.2.2): the reader presses
 * the button.
 */
(function () {
    "use strict";

    function countView() {
        var beacon = document.querySelector("[data-view-beacon]");
        if (!beacon || !window.fetch) {
            return;
        }
        window
            .fetch(beacon.getAttribute("data-view-beacon"), {
                method: "POST",
                credentials: "same-origin",
                keepalive: true,
                headers: { "X-Requested-With": "fetch" },
            })
            .then(function (response) {
                return response.ok ? response.json() : null;
            })
            .then(function (data) {
                var target = document.querySelector("[data-view-count]");
                if (data && data.counted && target && typeof data.views === "number") {
                    target.textContent = data.views.toLocaleString("nl-NL");
                }
            })
            .catch(function () {
                /* A missed count is not worth bothering the reader with. */
            });
    }

    countView();
})();

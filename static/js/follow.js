/*
 * Follow buttons, progressive enhancement: the form is sent in the background and the button
 * turns over in place (aria-pressed), with the message in the status region next to it for
 * screen readers. Without JavaScript, or when anything goes wrong here, the form is sent the
 * ordinary way and the page comes back with the message.
 */
(function () {
    "use strict";

    var forms = document.querySelectorAll("[data-follow-form]");
    if (!forms.length || !window.fetch || !window.FormData) {
        return;
    }

    function send(form) {
        var button = form.querySelector("[data-follow-button]");
        var status = form.querySelector("[data-follow-status]");
        if (!button || !status || form.getAttribute("data-follow-busy")) {
            return;
        }
        form.setAttribute("data-follow-busy", "true");
        fetch(form.action, {
            method: "POST",
            body: new FormData(form),
            headers: {"Accept": "application/json"},
            credentials: "same-origin"
        }).then(function (response) {
            if (!response.ok) {
                throw new Error("follow: " + response.status);
            }
            return response.json();
        }).then(function (answer) {
            var following = answer.following === true;
            button.setAttribute("aria-pressed", following ? "true" : "false");
            form.action = form.getAttribute(following ? "data-unfollow-url" : "data-follow-url");
            status.textContent = answer.message || "";
            form.removeAttribute("data-follow-busy");
        }).catch(function () {
            // Let the server answer the ordinary way: a login step, a refusal, a lost session.
            form.removeAttribute("data-follow-busy");
            form.submit();
        });
    }

    Array.prototype.forEach.call(forms, function (form) {
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            send(form);
        });
    });
}());

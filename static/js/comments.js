/*
 * Comments, progressive enhancement: "Reageren" opens the form right under the comment you
 * answer instead of jumping to the form at the bottom. Without JavaScript the link reloads the
 * page with ?reageer=<id> and the form at the bottom says whom you answer.
 */
(function () {
    "use strict";

    var section = document.querySelector("[data-comments]");
    if (!section) {
        return;
    }
    var respond = section.querySelector("[data-comment-respond]");
    var form = section.querySelector("[data-comment-form]");
    if (!respond || !form) {
        return;
    }
    var home = document.createComment("comment-form-home");
    respond.parentNode.insertBefore(home, respond);

    var parentInput = form.querySelector("input[name='parent']");
    var replying = form.querySelector("[data-comment-replying]");
    var replyingText = form.querySelector("[data-comment-replying-text]");
    var cancel = form.querySelector("[data-comment-cancel-reply]");
    var textarea = form.querySelector("textarea");
    var title = section.querySelector("#reageren-titel");
    var newTitle = title ? title.textContent : "";

    function answer(link) {
        var comment = link.closest(".comment");
        if (!comment || !parentInput) {
            return false;
        }
        parentInput.value = link.getAttribute("data-comment-reply");
        replyingText.textContent = "Je antwoordt op de reactie van " +
            link.getAttribute("data-comment-reply-name") + ".";
        replying.hidden = false;
        if (title) {
            title.textContent = "Antwoord schrijven";
        }
        comment.parentNode.insertBefore(respond, comment.nextSibling);
        if (textarea) {
            textarea.focus();
        }
        return true;
    }

    function reset() {
        if (parentInput) {
            parentInput.value = "";
        }
        replying.hidden = true;
        if (title) {
            title.textContent = newTitle;
        }
        replyingText.textContent = "";
        home.parentNode.insertBefore(respond, home.nextSibling);
        if (textarea) {
            textarea.focus();
        }
    }

    section.addEventListener("click", function (event) {
        var link = event.target.closest("[data-comment-reply]");
        if (link && answer(link)) {
            event.preventDefault();
            return;
        }
        if (cancel && event.target.closest("[data-comment-cancel-reply]")) {
            event.preventDefault();
            reset();
        }
    });
}());

/*
 * Moderation queue in the admin: one checkbox chooses every comment on the page.
 */
(function () {
    "use strict";

    var all = document.querySelector("[data-comment-select-all]");
    if (!all) {
        return;
    }
    all.addEventListener("change", function () {
        var boxes = document.querySelectorAll("input[type='checkbox'][name='comments']");
        Array.prototype.forEach.call(boxes, function (box) {
            box.checked = all.checked;
        });
    });
}());

/*
 * Mentions, progressive enhancement: typing "@" and two letters of a name in a comment field
 * offers up to eight members (from /leden/namen/, signed-in members only). Arrow keys move
 * through the list, Enter or Tab picks a name, Escape closes it; the field is an ARIA
 * combobox with aria-expanded and aria-activedescendant. Without JavaScript the member types
 * "@Voornaam Achternaam" and the site makes the same link.
 */
(function () {
    "use strict";

    var SEARCH_URL = "/leden/namen/";
    var fields = document.querySelectorAll("form.comment-form textarea[name='body']");
    if (!fields.length || !window.fetch) {
        return;
    }

    function setUp(textarea, number) {
        var listId = "vermeldingen-" + number;
        var list = document.createElement("ul");
        list.id = listId;
        list.className = "mention-list";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", textarea.dataset.mentionsLabel || "Leden om te noemen");
        list.hidden = true;
        textarea.parentNode.insertBefore(list, textarea.nextSibling);
        textarea.setAttribute("role", "combobox");
        textarea.setAttribute("aria-autocomplete", "list");
        textarea.setAttribute("aria-controls", listId);
        textarea.setAttribute("aria-expanded", "false");

        var results = [];
        var active = -1;
        var start = -1;
        var timer = null;
        var asked = "";

        function close() {
            list.hidden = true;
            list.textContent = "";
            results = [];
            active = -1;
            textarea.setAttribute("aria-expanded", "false");
            textarea.removeAttribute("aria-activedescendant");
        }

        function highlight(index) {
            active = index;
            Array.prototype.forEach.call(list.children, function (option, position) {
                option.setAttribute("aria-selected", position === index ? "true" : "false");
            });
            if (index >= 0) {
                textarea.setAttribute("aria-activedescendant", listId + "-" + index);
            } else {
                textarea.removeAttribute("aria-activedescendant");
            }
        }

        function show(found) {
            list.textContent = "";
            results = found;
            if (!found.length) {
                close();
                return;
            }
            found.forEach(function (member, index) {
                var option = document.createElement("li");
                option.id = listId + "-" + index;
                option.className = "mention-list__option";
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.textContent = member.name;
                option.addEventListener("mousedown", function (event) {
                    event.preventDefault(); // keep the focus in the field
                    pick(index);
                });
                list.appendChild(option);
            });
            list.hidden = false;
            textarea.setAttribute("aria-expanded", "true");
            highlight(0);
        }

        function pick(index) {
            var member = results[index];
            if (!member || start < 0) {
                return;
            }
            var text = textarea.value;
            var caret = textarea.selectionStart;
            var inserted = "@" + member.name + " ";
            textarea.value = text.slice(0, start) + inserted + text.slice(caret);
            var position = start + inserted.length;
            textarea.setSelectionRange(position, position);
            close();
        }

        function typedName() {
            var caret = textarea.selectionStart;
            var before = textarea.value.slice(0, caret);
            var at = before.lastIndexOf("@");
            if (at < 0 || (at > 0 && /[\w@]/.test(before.charAt(at - 1)))) {
                return null;
            }
            var query = before.slice(at + 1);
            if (query.length < 2 || query.length > 60 || /\n/.test(query) || query.split(" ").length > 5) {
                return null;
            }
            start = at;
            return query;
        }

        function lookUp() {
            var query = typedName();
            if (query === null) {
                close();
                return;
            }
            if (query === asked) {
                return;
            }
            asked = query;
            window.fetch(SEARCH_URL + "?q=" + encodeURIComponent(query), {
                credentials: "same-origin",
                headers: { Accept: "application/json" }
            }).then(function (response) {
                return response.ok ? response.json() : { results: [] };
            }).then(function (data) {
                if (asked === query) {
                    show(data.results || []);
                }
            }).catch(close);
        }

        textarea.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(lookUp, 200);
        });
        textarea.addEventListener("keydown", function (event) {
            if (list.hidden) {
                return;
            }
            if (event.key === "ArrowDown") {
                event.preventDefault();
                highlight((active + 1) % results.length);
            } else if (event.key === "ArrowUp") {
                event.preventDefault();
                highlight((active - 1 + results.length) % results.length);
            } else if (event.key === "Enter" || event.key === "Tab") {
                if (active >= 0) {
                    event.preventDefault();
                    pick(active);
                }
            } else if (event.key === "Escape") {
                event.preventDefault();
                asked = "";
                close();
            }
        });
        textarea.addEventListener("blur", function () {
            window.setTimeout(close, 150);
        });
    }

    Array.prototype.forEach.call(fields, setUp);
})();

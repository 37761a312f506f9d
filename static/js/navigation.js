/*
 * Main menu on small screens: adds a "Menu" button that shows and hides the menu.
 * Without JavaScript (or on wide screens) the menu is simply always shown.
 */
(function () {
    "use strict";

    var nav = document.getElementById("main-nav");
    var list = document.getElementById("main-nav-list");
    if (!nav || !list || !window.matchMedia) {
        return;
    }

    var smallScreen = window.matchMedia("(max-width: 47.99em)");
    var button = document.createElement("button");
    var icon = document.createElement("span");

    button.type = "button";
    button.className = "main-nav__toggle";
    button.setAttribute("aria-controls", list.id);
    button.setAttribute("aria-expanded", "false");
    icon.className = "main-nav__toggle-icon";
    icon.setAttribute("aria-hidden", "true");
    button.appendChild(icon);
    button.appendChild(document.createTextNode(nav.getAttribute("data-menu-label") || "Menu"));
    list.parentNode.insertBefore(button, list);
    nav.classList.add("main-nav--enhanced");

    function setOpen(open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        list.hidden = !open;
    }

    function update() {
        if (smallScreen.matches) {
            setOpen(false);
        } else {
            list.hidden = false;
        }
    }

    button.addEventListener("click", function () {
        setOpen(button.getAttribute("aria-expanded") !== "true");
    });

    nav.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && smallScreen.matches && !list.hidden) {
            setOpen(false);
            button.focus();
        }
    });

    if (smallScreen.addEventListener) {
        smallScreen.addEventListener("change", update);
    } else if (smallScreen.addListener) {
        smallScreen.addListener(update);
    }
    update();
})();

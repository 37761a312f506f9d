/*
 * Main menu on small screens. The HTML already has the "Menu" control and CSS already folds
 * the list away, so the first paint is the final one: this script only turns the link (which
 * without JavaScript opens the menu through :target) into a disclosure button. Nothing is
 * inserted, hidden or moved on load. Escape closes the open menu and returns the focus.
 */
(function () {
    "use strict";

    var nav = document.getElementById("main-nav");
    var list = document.getElementById("main-nav-list");
    var link = nav && nav.querySelector("[data-menu-toggle]");
    if (!nav || !list || !link) {
        return;
    }

    // Same class, same content, same box: swapping the elements moves nothing.
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    while (link.firstChild) {
        button.appendChild(link.firstChild);
    }
    button.setAttribute("aria-controls", list.id);
    // Opened through the link before the script ran (the address ends in #main-nav): stay open.
    var open = window.location.hash === "#" + nav.id;
    link.parentNode.replaceChild(button, link);

    function setOpen(value) {
        open = value;
        button.setAttribute("aria-expanded", open ? "true" : "false");
        nav.classList.toggle("main-nav--open", open);
    }

    setOpen(open);
    nav.classList.add("main-nav--enhanced");

    button.addEventListener("click", function () {
        setOpen(!open);
    });

    nav.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && open && button.offsetParent !== null) {
            setOpen(false);
            button.focus();
        }
    });
})();
